package io.deskstream.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates for tests, made by the JDK's own {@code keytool} and written as PEM: the certificate, and
 * the private key in PKCS#8.
 */
public final class TestCertificates {

    /** The PEM files of one certificate and its key. */
    public record Pem(Path certificate, Path key) {
    }

    private TestCertificates() {
    }

    /**
     * @param keyAlgorithm {@code RSA} or {@code EC}
     * @param names        subject alternative names as keytool takes them, e.g. {@code ip:127.0.0.1,dns:localhost}
     */
    public static Pem selfSigned(Path dir, String name, String keyAlgorithm, String names) throws Exception {
        Path store = dir.resolve(name + ".p12");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", name, "-keyalg", keyAlgorithm, "-dname", "CN=" + name,
                "-ext", "SAN=" + names, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit", "-noprompt"));
        if (keyAlgorithm.equals("EC")) {
            command.addAll(List.of("-groupname", "secp256r1"));
        } else {
            command.addAll(List.of("-keysize", "2048"));
        }
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        PrivateKey key = (PrivateKey) keys.getKey(name, "changeit".toCharArray());
        Certificate certificate = keys.getCertificate(name);
        Pem pem = new Pem(dir.resolve(name + ".crt.pem"), dir.resolve(name + ".key.pem"));
        write(pem.certificate(), "CERTIFICATE", certificate.getEncoded());
        write(pem.key(), "PRIVATE KEY", key.getEncoded());
        return pem;
    }

    private static void write(Path file, String type, byte[] der) throws IOException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n",
                StandardCharsets.US_ASCII);
    }
}
