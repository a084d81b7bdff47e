package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export as a data team meets it: the conformance week sent through the API, exported by the embedded Connect
 * worker; the newest revision of each hour, summed by department, equals the API's total by department, in the
 * Parquet files (read by DuckDB) and in the CSV files (read by a standard CSV parser).
 */
class ExportIntegrationTest {

    private static final String TOKEN = "export-test-token";
    static final List<String> COUNTS = List.of("tickets_created", "tickets_resolved", "replies", "calls",
            "missed_calls", "chats", "missed_chats", "chat_messages", "incoming_messages", "positive_ratings",
            "negative_ratings", "not_rated", "tags_added");
    /** The truth: the newest revision of each hour cell. */
    private static final String TRUTH = "SELECT * FROM read_parquet('%s/format=parquet/**/*.parquet', hive_partitioning=true) "
            + "QUALIFY row_number() OVER (PARTITION BY bucket, department, channel, agent ORDER BY revision DESC) = 1";

    @TempDir
    Path dataDir;

    @Test
    void theNewestRevisionOfEachHourSummedByDepartmentEqualsTheReportTotalInParquetAndCsv() throws Exception {
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(Topics.withDefaultPrefix(), 2, (short) 1, Duration.ofDays(30)))
                .with(InstanceSettings.defaults().withAdminToken(TOKEN).withExports(
                        new InstanceSettings.Exports(true, null, Duration.ofHours(1), Duration.ofSeconds(1))));
        try (DeskstreamProcess process = DeskstreamProcess.start(settings)) {
            ApiClient api = new ApiClient(process.httpUrl(), TOKEN);
            ConformanceWeek.sendThrough(api);
            Map<String, Map<String, Long>> expected = reportTotals(api);
            Path exports = dataDir.resolve("exports");
            Map<String, Map<String, Long>> parquet = awaitEqual(expected, () -> parquetTotals(exports));
            assertThat(parquet).isEqualTo(expected);
            // The CSV sink is a task of its own that flushes on its own schedule: Parquet complete is not CSV complete.
            assertThat(awaitEqual(expected, () -> csvTotals(exports))).isEqualTo(expected);
        }
    }

    /** The report's total of the week by department, the counts the export is compared on. */
    static Map<String, Map<String, Long>> reportTotals(ApiClient api) throws InterruptedException {
        return reportTotals(api, ConformanceWeek.FROM, ConformanceWeek.TO);
    }

    /** The report's total by department from {@code from} to {@code to}. */
    static Map<String, Map<String, Long>> reportTotals(ApiClient api, String from, String to)
            throws InterruptedException {
        Map<String, Map<String, Long>> totals = new TreeMap<>();
        for (JsonNode row : api.answered("/api/v1/reports/departments?from=" + from + "&to=" + to
                + "&granularity=total", Duration.ofSeconds(120)).path("rows")) {
            Map<String, Long> counts = new TreeMap<>();
            COUNTS.forEach(c -> counts.put(c, row.path(c).asLong()));
            totals.put(row.path("department").asText(), counts);
        }
        return totals;
    }

    interface Totals {
        Map<String, Map<String, Long>> read() throws Exception;
    }

    /** The export lags the report by the worker's commit interval: ask until it has caught up. */
    static Map<String, Map<String, Long>> awaitEqual(Map<String, Map<String, Long>> expected, Totals totals)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        Map<String, Map<String, Long>> last = Map.of();
        while (System.nanoTime() < deadline) {
            try {
                last = totals.read();
            } catch (java.sql.SQLException | java.io.IOException noFilesYet) {
                last = Map.of();
            }
            if (last.equals(expected)) {
                return last;
            }
            Thread.sleep(500);
        }
        return last;
    }

    static Map<String, Map<String, Long>> parquetTotals(Path exports) throws Exception {
        StringBuilder sums = new StringBuilder("SELECT department");
        COUNTS.forEach(c -> sums.append(", CAST(sum(").append(c).append(") AS BIGINT) AS ").append(c));
        String sql = sums + " FROM (" + TRUTH.formatted(exports) + ") GROUP BY department";
        Map<String, Map<String, Long>> totals = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                Map<String, Long> counts = new TreeMap<>();
                for (String c : COUNTS) {
                    counts.put(c, rs.getLong(c));
                }
                totals.put(rs.getString("department"), counts);
            }
        }
        return totals;
    }

    static Map<String, Map<String, Long>> csvTotals(Path exports) throws Exception {
        Map<String, CSVRecord> newest = new HashMap<>();
        List<Path> files;
        try (Stream<Path> all = Files.walk(exports.resolve("format=csv"))) {
            files = all.filter(p -> p.getFileName().toString().endsWith(".csv")
                    && !p.getFileName().toString().startsWith(".")).toList();
        }
        for (Path file : files) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 CSVParser parser = CSVParser.parse(in, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
                for (CSVRecord row : parser) {
                    String key = row.get("bucket") + "|" + row.get("department") + "|" + row.get("channel") + "|" + row.get("agent");
                    CSVRecord before = newest.get(key);
                    if (before == null || Long.parseLong(row.get("revision")) > Long.parseLong(before.get("revision"))) {
                        newest.put(key, row);
                    }
                }
            }
        }
        Map<String, Map<String, Long>> totals = new TreeMap<>();
        for (CSVRecord row : newest.values()) {
            Map<String, Long> counts = totals.computeIfAbsent(row.get("department"), d -> new TreeMap<>());
            COUNTS.forEach(c -> counts.merge(c, Long.parseLong(row.get(c)), Long::sum));
        }
        return totals;
    }
}
