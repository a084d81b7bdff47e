package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.api.status.ProcessingProgress;
import io.deskstream.ingest.ConfigurationWriter;
import io.deskstream.ingest.EventFileIngest;
import io.deskstream.ingest.EventPublisher;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.schemas.json.DepartmentJson;
import io.deskstream.schemas.json.RoutingRuleJson;
import io.deskstream.schemas.state.MetricCell;
import io.deskstream.schemas.wire.ConfluentAvroSerializer;
import io.deskstream.schemas.wire.SchemaRegistryClient;
import io.deskstream.topology.StoreNames;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import io.deskstream.topology.report.DepartmentReport;
import io.deskstream.topology.report.Granularity;
import io.deskstream.topology.report.ReportQuery;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across a crash: the conformance week goes into a deskstream process that is killed with SIGKILL while
 * it processes; a new process on the same data directory gets the whole week again (every event now a duplicate);
 * the report still equals the expected one: nothing lost, nothing counted twice.
 */
class ExactlyOnceRecoveryIntegrationTest {

    private static final Path CONFORMANCE = Path.of(System.getProperty("deskstream.conformance.dir", "../conformance"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Topics TOPICS = Topics.withDefaultPrefix();
    /** What the test's own registry clients send: the child's admin token. */
    private static String userInfo;

    @TempDir
    Path dataDir;

    @Test
    void shouldReportTheWeekExactlyAfterAKillDashNineAndAFullReplay() throws Exception {
        int kafkaPort = LocalPorts.freePair();
        int httpPort = LocalPorts.free();
        Process crashing = ChildDeskstream.start(dataDir, kafkaPort, httpPort, null);
        String bootstrap = "127.0.0.1:" + kafkaPort;
        String registry = "http://127.0.0.1:" + httpPort + "/schema-registry";
        try {
            ChildDeskstream.awaitHttp(registry + "/subjects", crashing);
            // The embedded registry takes schemas with the admin token, made in the data dir at the first start.
            userInfo = "admin:" + java.nio.file.Files.readString(dataDir.resolve("admin-token")).strip();
            configure(bootstrap, registry);
            ingestTheWeek(bootstrap, registry);
            Thread.sleep(1500);
        } finally {
            crashing.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", httpPort, kafkaPort, ZoneOffset.UTC, null,
                null, new TopicLayout(TOPICS, 2, (short) 1, Duration.ofDays(30)));
        try (DeskstreamProcess restarted = DeskstreamProcess.start(settings)) {
            ingestTheWeek(bootstrap, registry);
            awaitCaughtUp(bootstrap, StreamsRuntime.applicationId(TOPICS));

            ReadOnlyKeyValueStore<String, MetricCell> cells = restarted.streams().streams().store(
                    StoreQueryParameters.fromNameAndType(StoreNames.METRIC_CELLS, QueryableStoreTypes.keyValueStore()));
            assertThat(differences("expected/report-hour-department-channel-agent.json", Granularity.HOUR,
                    List.of("department", "channel", "agent"), cells)).isEmpty();
            assertThat(differences("expected/report-total-department.json", Granularity.TOTAL, List.of("department"), cells))
                    .isEmpty();
        }
    }

    private static List<String> differences(String expected, Granularity granularity, List<String> groupBy,
                                            ReadOnlyKeyValueStore<String, MetricCell> cells) throws Exception {
        ReportQuery query = new ReportQuery(Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-09T00:00:00Z"),
                granularity, groupBy, ZoneOffset.UTC, Set.of(), Set.of(), Set.of(), List.of());
        List<Map<String, Object>> rows = DepartmentReport.rows(query, cells);
        JsonNode want = JSON.readTree(CONFORMANCE.resolve(expected).toFile()).get("rows");
        List<String> differences = new ArrayList<>();
        if (want.size() != rows.size()) {
            differences.add(expected + ": expected " + want.size() + " rows, got " + rows.size());
        }
        for (JsonNode row : want) {
            boolean found = rows.stream().anyMatch(r -> sameRow(row, r));
            if (!found) {
                differences.add(expected + ": no row equal to " + row);
            }
        }
        return differences;
    }

    /** Dimensions and counts equal (sums and percentiles follow from the same samples). */
    private static boolean sameRow(JsonNode want, Map<String, Object> got) {
        for (var it = want.fields(); it.hasNext(); ) {
            var field = it.next();
            Object value = got.get(field.getKey());
            JsonNode w = field.getValue();
            if (w.isTextual() && !w.asText().equals(String.valueOf(value))) {
                return false;
            }
            if (w.isNull() && value != null && (field.getKey().equals("agent"))) {
                return false;
            }
            if (w.isIntegralNumber() && !(value instanceof Long l && l == w.asLong())) {
                return false;
            }
        }
        return true;
    }

    private static SchemaRegistryClient registryClient(String registry) {
        return new SchemaRegistryClient(registry, SchemaRegistryClient.Settings.defaults(), userInfo);
    }

    private static void configure(String bootstrap, String registry) throws Exception {
        TopicLayout layout = new TopicLayout(TOPICS, 2, (short) 1, Duration.ofDays(30));
        try (ConfigurationWriter writer = new ConfigurationWriter(Map.of("bootstrap.servers", bootstrap),
                new ConfluentAvroSerializer<>(registryClient(registry)), layout)) {
            for (JsonNode d : JSON.readTree(CONFORMANCE.resolve("departments.json").toFile())) {
                writer.put(DepartmentJson.parse((ObjectNode) d));
            }
            for (JsonNode r : JSON.readTree(CONFORMANCE.resolve("rules.json").toFile())) {
                writer.put(RoutingRuleJson.parse((ObjectNode) r));
            }
        }
    }

    private static void ingestTheWeek(String bootstrap, String registry) throws Exception {
        try (EventPublisher publisher = new EventPublisher(Map.of("bootstrap.servers", bootstrap),
                new ConfluentAvroSerializer<>(registryClient(registry)), TOPICS)) {
            new EventFileIngest(new CanonicalEventParser(), publisher).ingest(CONFORMANCE.resolve("events.jsonl"), line -> { });
        }
    }

    /** Waits until the topology's committed offsets reach the end of every input topic. */
    private static void awaitCaughtUp(String bootstrap, String applicationId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                if (ProcessingProgress.lag(admin, applicationId, TOPICS.inputEvents()) == 0) {
                    return;
                }
                Thread.sleep(500);
            }
            throw new AssertionError("the topology did not catch up within 3 minutes");
        }
    }


}
