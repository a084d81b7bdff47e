package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.topology.Conformance;

import io.deskstream.kafka.broker.BrokerSettings;
import io.deskstream.kafka.broker.EmbeddedKafkaBroker;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deskstream on a cluster that takes only clients that log in (SASL/PLAIN), given with {@code --bootstrap-servers}
 * and {@code --kafka-config}: every part — topic creation, the registry, the API's producers, Kafka Streams and the
 * Connect worker's sinks — logs in; wrong credentials, or none, stop it at start with a clear error.
 */
class SaslClusterIntegrationTest {

    private static final String TOKEN = "sasl-test-token";
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"deskstream\" password=\"%s\";";

    @TempDir
    static Path brokerDir;
    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startASaslOnlyListener() {
        broker = EmbeddedKafkaBroker.start(new BrokerSettings(brokerDir, LocalPorts.free(), LocalPorts.free(), 2)
                .withSaslPlainListener(LocalPorts.free(), Map.of("deskstream", "desk-secret")));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private RuntimeSettings settings(Path dataDir, String kafkaConfig) throws Exception {
        Path file = dir.resolve(dataDir.getFileName() + "-kafka.properties");
        Files.writeString(file, kafkaConfig);
        return new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(), ZoneOffset.UTC,
                broker.saslBootstrapServers(), null, new TopicLayout(Topics.withDefaultPrefix(), 2, (short) 1,
                Duration.ofDays(30)))
                .with(InstanceSettings.defaults().withAdminToken(TOKEN).withExports(
                        new InstanceSettings.Exports(true, null, Duration.ofHours(1), Duration.ofSeconds(1))))
                .with(new SecuritySettings(KafkaClientConfig.load(file)));
    }

    private static String sasl(String password) {
        return "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=" + JAAS.formatted(password)
                + "\n";
    }

    @Test
    void everyPartLogsInTopicsIngestTheReportAndTheExportWork() throws Exception {
        Path dataDir = dir.resolve("desk");
        try (DeskstreamProcess process = DeskstreamProcess.start(settings(dataDir, sasl("desk-secret")))) {
            assertThat(process.createdTopics()).contains("deskstream.ticket-events", "deskstream.report-rows");
            ApiClient api = new ApiClient(process.httpUrl(), TOKEN);
            sendADayOfTheWeek(api);

            Map<String, Map<String, Long>> report = ExportIntegrationTest.reportTotals(api);
            assertThat(report).containsKeys("sales", "support");
            Path exports = dataDir.resolve("exports");
            assertThat(ExportIntegrationTest.awaitEqual(report, () -> ExportIntegrationTest.parquetTotals(exports)))
                    .isEqualTo(report);
        }
    }

    /** The conformance departments and rules, and the events of its first day, through the API. */
    private static void sendADayOfTheWeek(ApiClient api) throws Exception {
        for (JsonNode department : Conformance.json("departments.json")) {
            assertThat(api.put("/api/v1/departments/" + department.path("id").asText(), department.toString()).status())
                    .isBetween(200, 201);
        }
        for (JsonNode rule : Conformance.json("rules.json")) {
            assertThat(api.put("/api/v1/rules/" + rule.path("id").asText(), rule.toString()).status()).isBetween(200, 201);
        }
        String day = Files.readAllLines(Conformance.DIR.resolve("events.jsonl")).stream()
                .filter(line -> line.contains("\"2026-11-02T")).collect(Collectors.joining("\n"));
        assertThat(day).isNotEmpty();
        assertThat(api.post("/api/v1/events", day).status()).isEqualTo(202);
        api.awaitCaughtUp(Duration.ofSeconds(180));
    }

    @Test
    void wrongCredentialsStopItAtStartNamingAuthentication() throws Exception {
        RuntimeSettings wrong = settings(dir.resolve("wrong"), sasl("not-the-password"));
        long start = System.nanoTime();

        assertThatThrownBy(() -> DeskstreamProcess.start(wrong).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Kafka at " + broker.saslBootstrapServers() + " refused the authentication of "
                        + "--kafka-config ")
                .hasMessageContaining("Authentication failed: Invalid username or password");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void withoutLoggingInItGetsNothingFromTheSaslListener() throws Exception {
        RuntimeSettings none = settings(dir.resolve("none"), "# nothing\n");

        assertThatThrownBy(() -> DeskstreamProcess.start(none).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Kafka cluster answers at " + broker.saslBootstrapServers())
                .hasMessageContaining("--kafka-config for a cluster that needs TLS or SASL");
    }
}
