package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event sender who chooses ids to attack the export (docs/events.md, Ids; docs/exports.md): events sent through
 * the HTTP API with path-like, formula-like and unicode department and agent ids are exported by the embedded
 * Connect worker into their own folders inside the exports folder, nothing outside it, and DuckDB reads the exact
 * ids back; ids that break the id rules are refused with reason {@code invalid id}.
 */
class HostileIdsExportIntegrationTest {

    private static final String TOKEN = "hostile-ids-token";
    /** Department ids that follow the id rules, each with the agent id of its reply. */
    private static final Map<String, String> ACCEPTED = new TreeMap<>(Map.of(
            "../../../../../outside", "../../../agent",
            "../../../somewhere", "a/b",
            "a/b", "=HYPERLINK(\"http://evil.test\")",
            "%2e%2e", "%2e%2e",
            "..", "+1",
            ".", "-2",
            "dépt-ü-日本", "agent-日本",
            "=HYPERLINK(\"http://evil.test\")", "@x",
            "NULL", "null"));
    private static final Path SHAPE = Path.of("format=X", "date=D", "department=N", "file");

    @TempDir
    Path dataDir;

    @Test
    void hostileIdsSentThroughTheApiAreExportedInsideTheExportsFolderAndReadBackExactly() throws Exception {
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(Topics.withDefaultPrefix(), 2, (short) 1, Duration.ofDays(30)))
                .with(InstanceSettings.defaults().withAdminToken(TOKEN).withExports(
                        new InstanceSettings.Exports(true, null, Duration.ZERO, Duration.ofSeconds(1))));
        try (DeskstreamProcess process = DeskstreamProcess.start(settings)) {
            ApiClient api = new ApiClient(process.httpUrl(), TOKEN);
            Instant ts = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
            List<String> lines = new ArrayList<>();
            int n = 0;
            for (Map.Entry<String, String> ids : ACCEPTED.entrySet()) {
                n++;
                lines.add(event("c-" + n, "ticket.created", ts, "t-" + n).put("channel", "email")
                        .put("departmentId", ids.getKey()).toString());
                lines.add(event("r-" + n, "ticket.reply", ts.plusSeconds(60), "t-" + n).put("agentId", ids.getValue()).toString());
            }
            lines.add(event("bad-1", "ticket.created", ts, "t-bad-1").put("channel", "email")
                    .put("departmentId", "../\u0000/x").toString());
            lines.add(event("bad-2", "ticket.created", ts, "t".repeat(1_000)).put("channel", "email").toString());
            lines.add(event("bad-3", "ticket.created", ts, "t-bad-3").put("channel", "email")
                    .put("departmentId", "d".repeat(65)).toString());

            JsonNode answer = api.post("/api/v1/events", String.join("\n", lines)).json();
            assertThat(answer.path("accepted").asLong()).isEqualTo(2L * ACCEPTED.size());
            assertThat(answer.path("rejected")).extracting(r -> r.path("reason").asText())
                    .containsExactly("invalid id", "invalid id", "invalid id");
            JsonNode status = api.awaitCaughtUp(Duration.ofSeconds(120));
            assertThat(status.path("deadLetters").path("invalid id").asLong()).isEqualTo(3);

            Path exports = dataDir.resolve("exports");
            Map<String, String> parquet = awaitAll(() -> agentsByDepartment(
                    "read_parquet('" + exports + "/format=parquet/**/*.parquet', hive_partitioning=true)"));
            assertThat(parquet).as("department and agent ids exactly as sent").isEqualTo(ACCEPTED);
            Map<String, String> csv = awaitAll(() -> agentsByDepartment(
                    "read_csv('" + exports + "/format=csv/**/*.csv', hive_partitioning=true, header=true, "
                            + "quote='\"', escape='\"')"));
            assertThat(csv.keySet()).as("department ids exactly as sent, from the folder names").isEqualTo(ACCEPTED.keySet());
            assertThat(csv.get("..")).as("agent cells are formula-safe in the CSV files").isEqualTo("'+1");
            assertThat(csv.get("dépt-ü-日本")).isEqualTo("agent-日本");

            for (Path file : dataFiles(dataDir)) {
                assertThat(file).as("every exported file is inside the exports folder").startsWith(exports);
                Path inside = exports.relativize(file);
                assertThat(inside.getNameCount()).as(inside.toString()).isEqualTo(SHAPE.getNameCount());
                assertThat(inside.getName(0).toString()).matches("format=(parquet|csv)");
                assertThat(inside.getName(1).toString()).matches("date=\\d{4}-\\d{2}-\\d{2}");
                assertThat(inside.getName(2).toString()).startsWith("department=");
            }
            assertThat(dataFiles(dataDir).stream().map(Path::getParent).distinct())
                    .as("one folder per department and format").hasSize(2 * ACCEPTED.size());
            assertThat(dataDir.resolve("outside")).doesNotExist();
        }
    }

    private static ObjectNode event(String id, String type, Instant ts, String ticketId) {
        return ApiClient.JSON.createObjectNode().put("id", id).put("type", type).put("ts", ts.toString()).put("ticketId", ticketId);
    }

    interface Read {
        Map<String, String> read() throws Exception;
    }

    /** The export lags the report by the worker's commit interval: read until every department is there. */
    private static Map<String, String> awaitAll(Read read) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, String> last = Map.of();
        while (System.nanoTime() < deadline) {
            try {
                last = read.read();
            } catch (java.sql.SQLException noFilesYet) {
                last = Map.of();
            }
            if (last.size() >= ACCEPTED.size()) {
                return last;
            }
            Thread.sleep(500);
        }
        return last;
    }

    /** The agent of each department's newest revision, as DuckDB reads them with the folder names. */
    private static Map<String, String> agentsByDepartment(String table) throws Exception {
        Map<String, String> agents = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT department, agent FROM " + table + " WHERE replies > 0 "
                     + "QUALIFY row_number() OVER (PARTITION BY bucket, department, channel, agent ORDER BY revision DESC) = 1")) {
            while (rs.next()) {
                agents.put(rs.getString("department"), rs.getString("agent"));
            }
        }
        return agents;
    }

    /** Every Parquet and CSV file under a folder, wherever it is. */
    private static List<Path> dataFiles(Path under) throws Exception {
        try (Stream<Path> all = Files.walk(under)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".parquet") || p.toString().endsWith(".csv"))
                    .toList();
        }
    }
}
