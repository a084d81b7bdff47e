package io.deskstream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import io.deskstream.schemas.wire.PemTrust;
import io.javalin.config.JavalinConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files: what is refused at start, with the file named, and a port that speaks TLS only. */
class HttpsCertificateTest {

    @TempDir
    static Path dir;
    private static TestCertificates.Pem rsa;
    private static TestCertificates.Pem ec;

    @BeforeAll
    static void makeCertificates() throws Exception {
        rsa = TestCertificates.selfSigned(dir, "rsa-desk", "RSA", "ip:127.0.0.1,dns:localhost");
        ec = TestCertificates.selfSigned(dir, "ec-desk", "EC", "dns:desk.example.com,dns:*.desk.example.com");
    }

    @Test
    void shouldReadRsaAndEcKeysAndTellTheNamesTheCertificateHolds() {
        HttpsCertificate r = HttpsCertificate.load(rsa.certificate(), rsa.key());
        assertThat(r.names("127.0.0.1")).isTrue();
        assertThat(r.names("localhost")).isTrue();
        assertThat(r.names("127.0.0.2")).isFalse();
        assertThat(r.names()).containsExactly("127.0.0.1", "localhost");

        HttpsCertificate e = HttpsCertificate.load(ec.certificate(), ec.key());
        assertThat(e.names("desk.example.com")).isTrue();
        assertThat(e.names("DESK-1.desk.example.com")).isTrue();
        assertThat(e.names("a.b.desk.example.com")).isFalse();
        assertThat(e.names("127.0.0.1")).isFalse();
    }

    @Test
    void shouldNameTheFileOfAMissingASwappedOrAMismatchedFile() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> HttpsCertificate.load(missing, rsa.key()))
                .hasMessageStartingWith("cannot read " + missing);
        assertThatThrownBy(() -> HttpsCertificate.load(rsa.certificate(), missing))
                .hasMessageStartingWith("cannot read " + missing);
        assertThatThrownBy(() -> HttpsCertificate.load(rsa.key(), rsa.certificate()))
                .hasMessage(rsa.key() + " holds no PEM certificate (-----BEGIN CERTIFICATE-----); it holds a private key");
        assertThatThrownBy(() -> HttpsCertificate.load(rsa.certificate(), rsa.certificate()))
                .hasMessage(rsa.certificate() + " holds no PKCS#8 private key (-----BEGIN PRIVATE KEY-----); it holds "
                        + "a certificate (--tls-cert and --tls-key swapped?)");
        assertThatThrownBy(() -> HttpsCertificate.load(rsa.certificate(), ec.key()))
                .hasMessage("the private key in " + ec.key() + " does not belong to the certificate in "
                        + rsa.certificate() + " (CN=rsa-desk)");
        Path pkcs1 = dir.resolve("pkcs1.pem");
        Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> HttpsCertificate.load(rsa.certificate(), pkcs1))
                .hasMessageContaining("it holds a PKCS#1 RSA key; convert it with: openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void theServerSpeaksHttpsOnlyWithTheCertificate() throws Exception {
        HttpsCertificate certificate = HttpsCertificate.load(rsa.certificate(), rsa.key());
        List<Consumer<JavalinConfig>> routes = List.of(config ->
                config.routes.get("/hello", ctx -> ctx.result(ctx.scheme() + " hello")));
        try (HttpServer server = HttpServer.start("127.0.0.1", 0, certificate, routes)) {
            HttpClient trusting = HttpClient.newBuilder()
                    .sslContext(PemTrust.trusting(PemTrust.certificates(rsa.certificate()), false)).build();
            HttpResponse<String> answer = trusting.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + server.port() + "/hello")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("https hello");

            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/hello")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.io.IOException.class);
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + server.port() + "/hello")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
    }
}
