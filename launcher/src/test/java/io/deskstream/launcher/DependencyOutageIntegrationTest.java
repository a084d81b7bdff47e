package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;

import io.deskstream.kafka.broker.BrokerSettings;
import io.deskstream.kafka.broker.EmbeddedKafkaBroker;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.registry.RegistryAuth;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deskstream on a Kafka and a schema registry of its own, which go down while it runs: the routes answer 503 with
 * Retry-After and the dependency named — never 500, never a wait without end — and work again by themselves once it
 * is back on the same address. (How the processing itself catches up after an outage is not what this test is
 * about.)
 */
class DependencyOutageIntegrationTest {

    private static final String TOKEN = "outage-admin-token";
    private static final String REGISTRY_SECRET = "outage-registry-secret";
    private static final String FIRST_TICKET = """
            {"id": "e-1", "type": "ticket.created", "ts": "2026-11-02T09:00:00Z", "ticketId": "t-1", "channel": "email", "departmentId": "sales"}
            """;
    private static final String SECOND_TICKET = """
            {"id": "e-2", "type": "ticket.created", "ts": "2026-11-02T09:30:00Z", "ticketId": "t-2", "channel": "web", "departmentId": "sales"}
            """;
    private static final String SALES = "{\"name\": \"Sales\"}";

    @TempDir
    Path kafkaDir;
    @TempDir
    Path dataDir;

    private RuntimeSettings settings(String bootstrapServers, String registryUrl) {
        return new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(), ZoneOffset.UTC,
                bootstrapServers, registryUrl, new TopicLayout(Topics.withDefaultPrefix(), 2, (short) 1,
                Duration.ofDays(30)))
                .with(InstanceSettings.defaults().withAdminToken(TOKEN).withRegistry(
                        new InstanceSettings.Registry(RegistryAuth.Scope.WRITES, "deskstream:" + REGISTRY_SECRET)));
    }

    @Test
    void whileTheRegistryIsDownOrSilentWritesAnswer503NamingItAndOnceItIsBackTheyAreAccepted() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.of(kafkaDir, LocalPorts.freePair(), 2));
             StandaloneRegistry registry = StandaloneRegistry.start(broker.bootstrapServers(), REGISTRY_SECRET);
             DeskstreamProcess process = DeskstreamProcess.start(settings(broker.bootstrapServers(), registry.url()))) {
            ApiClient api = new ApiClient(process.httpUrl(), TOKEN);

            // The first events and the first department: their schemas are not registered yet.
            registry.stop();
            ApiClient.Answer events = api.post("/api/v1/events", FIRST_TICKET);
            assertUnavailable(events, "schema-registry");
            assertThat(events.json().path("error").asText()).startsWith("schema registry unavailable: ")
                    .contains(registry.url());
            assertUnavailable(api.put("/api/v1/departments/sales", SALES), "schema-registry");

            // A registry that takes connections and never answers: the answer still comes, within the request's time.
            try (ServerSocket silent = new ServerSocket(registry.port(), 50, InetAddress.getLoopbackAddress())) {
                long start = System.nanoTime();
                ApiClient.Answer slow = api.post("/api/v1/events", FIRST_TICKET);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertUnavailable(slow, "schema-registry");
                assertThat(took).as("answered while the registry kept silent").isLessThan(Duration.ofSeconds(30));
            }

            registry.serve();
            assertThat(api.put("/api/v1/departments/sales", SALES).status()).isEqualTo(201);
            ApiClient.Answer accepted = api.post("/api/v1/events", FIRST_TICKET);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            api.awaitCaughtUp(Duration.ofSeconds(90));
            assertThat(api.get("/api/v1/conversations/t-1").json().path("department").asText()).isEqualTo("sales");
        }
    }

    @Test
    void whileTheBrokerIsDownWritesAndStatusAnswer503NamingKafkaAndOnceItIsBackEventsAreAccepted() throws Exception {
        BrokerSettings brokerSettings = BrokerSettings.of(kafkaDir, LocalPorts.freePair(), 2);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerSettings);
        try (StandaloneRegistry registry = StandaloneRegistry.start(broker.bootstrapServers(), REGISTRY_SECRET);
             DeskstreamProcess process = DeskstreamProcess.start(settings(broker.bootstrapServers(), registry.url()))) {
            ApiClient api = new ApiClient(process.httpUrl(), TOKEN);
            assertThat(api.put("/api/v1/departments/sales", SALES).status()).isEqualTo(201);
            assertThat(api.post("/api/v1/events", FIRST_TICKET).status()).isEqualTo(202);
            api.awaitCaughtUp(Duration.ofSeconds(90));

            broker.close();
            // The status reuses its lag figures for a second: the next measure finds Kafka gone.
            Thread.sleep(1_100);
            assertUnavailable(api.get("/api/v1/status"), "kafka");
            ApiClient.Answer events = api.post("/api/v1/events", SECOND_TICKET);
            assertUnavailable(events, "kafka");
            assertThat(events.json().path("error").asText()).startsWith("Kafka unavailable: ")
                    .contains("send the body again");
            // Configuration writes too: a rule and a token are records on Kafka, encoded with the registry's schema
            // ids; this registry keeps its schemas on the same broker, so it is down as well, and a write names
            // whichever of the two it reached first.
            assertUnavailable(api.put("/api/v1/rules/social-to-sales", """
                    {"name": "Social to sales", "conditionGroups": [{"conditions":
                      [{"field": "channel", "op": "in", "value": ["facebook"]}]}],
                     "actions": [{"type": "transfer", "departmentId": "sales"}]}"""), "kafka", "schema-registry");
            assertUnavailable(api.post("/api/v1/tokens", "{\"role\": \"agent\", \"departments\": [\"sales\"]}"),
                    "kafka", "schema-registry");
            // A load balancer stops sending queries; a restart policy leaves the instance be: it recovers by itself.
            assertThat(api.get("/api/v1/health/ready").status()).isEqualTo(503);
            assertThat(api.get("/api/v1/health/live").status()).isEqualTo(200);

            broker = EmbeddedKafkaBroker.start(brokerSettings);
            ApiClient.Answer accepted = awaitAccepted(api, SECOND_TICKET);
            assertThat(accepted.json().path("accepted").asLong()).isEqualTo(1);
            ApiClient.Answer status = api.settled("/api/v1/status", Duration.ofSeconds(60));
            assertThat(status.status()).as(status.body()).isEqualTo(200);
            assertThat(status.json().path("inputs").path("deskstream.ticket-events").path("read").asLong()).isPositive();
        } finally {
            broker.close();
        }
    }

    private static void assertUnavailable(ApiClient.Answer answer, String... dependencies) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.json().path("dependency").asText()).as(answer.body()).isIn((Object[]) dependencies);
    }

    /** The producer finds the broker again on its own: the first sends after the restart may still time out. */
    private static ApiClient.Answer awaitAccepted(ApiClient api, String events) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        ApiClient.Answer answer = api.post("/api/v1/events", events);
        while (answer.status() != 202 && System.nanoTime() < deadline) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            Thread.sleep(1000);
            answer = api.post("/api/v1/events", events);
        }
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer;
    }
}
