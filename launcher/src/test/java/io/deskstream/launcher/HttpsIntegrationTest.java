package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.api.TestCertificates;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.registry.RegistryAuth;
import io.deskstream.schemas.wire.PemTrust;
import io.deskstream.topology.Conformance;
import io.deskstream.topology.ReportComparison;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP port with {@code --tls-cert} and {@code --tls-key}: HTTPS only, the URLs say so, and everything that calls
 * it — a client trusting the certificate, {@code ingest --api --tls-ca}, the process's own registry clients and
 * export sinks, and another instance asking for its part of an answer — does so over HTTPS.
 */
class HttpsIntegrationTest {

    private static final String TOKEN = "https-test-token";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    static Path certificates;
    private static TestCertificates.Pem pem;
    private static SSLContext trustingIt;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeACertificateForThisMachine() throws Exception {
        pem = TestCertificates.selfSigned(certificates, "desk", "EC", "ip:127.0.0.1,dns:localhost");
        trustingIt = PemTrust.trusting(PemTrust.certificates(pem.certificate()), false);
    }

    private RuntimeSettings settings(String name, String bootstrapServers, String registryUrl, boolean exports) {
        TopicLayout layout = new TopicLayout(Topics.withDefaultPrefix(), 4, (short) 1, Duration.ofDays(30));
        InstanceSettings instance = InstanceSettings.defaults().withAdminToken(TOKEN);
        if (registryUrl != null) {
            // another instance's embedded registry takes writes with the admin token only, now over HTTPS
            instance = instance.withRegistry(new InstanceSettings.Registry(RegistryAuth.Scope.WRITES, "admin:" + TOKEN));
        }
        if (exports) {
            instance = instance.withExports(new InstanceSettings.Exports(true, null, Duration.ofHours(1),
                    Duration.ofSeconds(1)));
        }
        return new RuntimeSettings(dir.resolve(name), "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, bootstrapServers, registryUrl, layout)
                .with(instance)
                .with(SecuritySettings.NONE.with(SecuritySettings.Https.load(pem.certificate(), pem.key(), null)));
    }

    @Test
    void twoInstancesServeOnlyHttpsAndCallEachOtherAndTheRegistryOverIt() throws Exception {
        try (DeskstreamProcess one = DeskstreamProcess.start(settings("one", null, null, true))) {
            int port = one.settings().httpPort();
            assertThat(one.httpUrl()).isEqualTo("https://127.0.0.1:" + port);
            assertThat(one.schemaRegistryUrl()).isEqualTo("https://127.0.0.1:" + port + "/schema-registry");
            assertThat(banner(one)).contains("https://127.0.0.1:" + port + "/api/v1", "--tls-ca " + pem.certificate())
                    .doesNotContain("http://");

            ApiClient viaOne = new ApiClient(one.httpUrl(), TOKEN, trustingIt);
            assertThat(viaOne.get("/api/v1/status").status()).isEqualTo(200);
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString()))
                    .as("plain HTTP").isInstanceOf(IOException.class);
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(one.httpUrl() + "/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString()))
                    .as("a client that does not trust the certificate").isInstanceOf(SSLHandshakeException.class);

            sendADay(viaOne);
            JsonNode total = answered(viaOne, "/api/v1/reports/departments?from=" + ConformanceWeek.FROM + "&to="
                    + ConformanceWeek.TO + "&granularity=total&groupBy=department");
            JsonNode deadLetters = viaOne.awaitCaughtUp(WAIT).path("deadLetters");
            assertThat(total.path("rows").size()).isGreaterThan(1);
            Map<String, Map<String, Long>> report = ExportIntegrationTest.reportTotals(viaOne);

            try (DeskstreamProcess two = DeskstreamProcess.start(settings("two", one.bootstrapServers(),
                    one.schemaRegistryUrl(), false))) {
                ApiClient viaTwo = new ApiClient(two.httpUrl(), TOKEN, trustingIt);
                awaitEachInstanceOwnsPartitions(one, two);
                for (ApiClient instance : new ApiClient[]{viaOne, viaTwo}) {
                    JsonNode gathered = answered(instance, "/api/v1/reports/departments?from=" + ConformanceWeek.FROM
                            + "&to=" + ConformanceWeek.TO + "&granularity=total&groupBy=department");
                    List<Map<String, Object>> rows = ApiClient.JSON.convertValue(gathered.path("rows"),
                            new TypeReference<>() {
                            });
                    assertThat(ReportComparison.differences(total.path("rows"), rows)).isEmpty();
                    assertThat(instance.awaitCaughtUp(WAIT).path("deadLetters")).isEqualTo(deadLetters);
                }
            }

            Path exports = dir.resolve("one").resolve("exports");
            assertThat(ExportIntegrationTest.awaitEqual(report, () -> ExportIntegrationTest.parquetTotals(exports)))
                    .as("the export's sinks read the rows with the registry over HTTPS").isEqualTo(report);
        }
    }

    @Test
    void aCertificateThatDoesNotNameTheAdvertisedAddressIsRefusedAtStart() {
        RuntimeSettings elsewhere = settings("elsewhere", null, null, false);
        RuntimeSettings advertised = elsewhere.with(elsewhere.instance().withAdvertisedAddress("desk-1.example.com:7070"));

        assertThatThrownBy(() -> DeskstreamProcess.start(advertised).close())
                .hasMessage("the certificate in " + pem.certificate() + " is for 127.0.0.1, localhost, not for "
                        + "desk-1.example.com, where the other instances and this one's own clients call it; pass "
                        + "--advertised-address HOST:PORT with a name the certificate holds, or use a certificate for "
                        + "desk-1.example.com");
    }

    @Test
    void theCommandLineNamesAMissingKey() {
        StringWriter err = new StringWriter();
        var cli = Deskstream.commandLine();
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("run", "--data-dir", dir.resolve("data").toString(), "--tls-cert",
                pem.certificate().toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("deskstream: --tls-cert and --tls-key go together: the PEM certificate "
                + "chain and its private key (--tls-key is missing)");
    }

    private static String banner(DeskstreamProcess process) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        StartupBanner.print(new PrintStream(printed, true, StandardCharsets.UTF_8), process);
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** The conformance departments and rules through the API, and the first day's events with ingest --api. */
    private void sendADay(ApiClient api) throws Exception {
        for (JsonNode department : Conformance.json("departments.json")) {
            assertThat(api.put("/api/v1/departments/" + department.path("id").asText(), department.toString()).status())
                    .isBetween(200, 201);
        }
        for (JsonNode rule : Conformance.json("rules.json")) {
            assertThat(api.put("/api/v1/rules/" + rule.path("id").asText(), rule.toString()).status()).isBetween(200, 201);
        }
        Path day = dir.resolve("day.jsonl");
        Files.writeString(day, Files.readAllLines(Conformance.DIR.resolve("events.jsonl")).stream()
                .filter(line -> line.contains("\"2026-11-02T")).collect(Collectors.joining("\n")));
        StringWriter err = new StringWriter();
        var cli = Deskstream.commandLine();
        cli.setErr(new PrintWriter(err, true));
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            exit = cli.execute("ingest", day.toString(), "--api", api.baseUrl(), "--token", TOKEN,
                    "--tls-ca", pem.certificate().toString());
        } finally {
            System.setOut(original);
        }
        assertThat(exit).as(err.toString()).isZero();
        api.awaitCaughtUp(Duration.ofSeconds(180));
    }

    private static void awaitEachInstanceOwnsPartitions(DeskstreamProcess one, DeskstreamProcess two)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (ownsActiveTasks(one) && ownsActiveTasks(two)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the partitions were not split between the two instances within " + WAIT);
    }

    private static boolean ownsActiveTasks(DeskstreamProcess process) {
        return process.streams().streams().metadataForLocalThreads().stream()
                .anyMatch(thread -> !thread.activeTasks().isEmpty());
    }

    private static JsonNode answered(ApiClient api, String path) throws InterruptedException {
        return api.answered(path, WAIT);
    }
}
