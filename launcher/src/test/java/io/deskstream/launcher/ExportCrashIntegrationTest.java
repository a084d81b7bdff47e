package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export across a kill -9: deskstream (with its Connect worker) is killed while it writes the week's files,
 * then started again on the same data dir; the files then hold every hour exactly once per revision, and the
 * newest revisions add up to the report.
 */
class ExportCrashIntegrationTest {

    private static final String TOKEN = "export-crash-token";

    @TempDir
    Path dataDir;

    @Test
    void aKillDashNineWhileExportingNeitherLosesNorDuplicatesARow() throws Exception {
        int kafkaPort = LocalPorts.freePair();
        int httpPort = LocalPorts.free();
        Process crashing = ChildDeskstream.start(dataDir, kafkaPort, httpPort, TOKEN, "--export-delay", "0s");
        try {
            ChildDeskstream.awaitHttp("http://127.0.0.1:" + httpPort + "/api/v1/health", crashing);
            ConformanceWeek.sendThrough(new ApiClient("http://127.0.0.1:" + httpPort, TOKEN));
            awaitSomeExportFiles(dataDir.resolve("exports"));
        } finally {
            crashing.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", httpPort, kafkaPort, ZoneOffset.UTC, null,
                null, new TopicLayout(Topics.withDefaultPrefix(), 2, (short) 1, Duration.ofDays(30)))
                .with(InstanceSettings.defaults().withAdminToken(TOKEN).withExports(
                        new InstanceSettings.Exports(true, null, Duration.ZERO, Duration.ofSeconds(1))));
        try (DeskstreamProcess restarted = DeskstreamProcess.start(settings)) {
            ApiClient api = new ApiClient(restarted.httpUrl(), TOKEN);
            api.awaitCaughtUp(Duration.ofSeconds(120));
            Map<String, Map<String, Long>> expected = ExportIntegrationTest.reportTotals(api);
            Path exports = dataDir.resolve("exports");
            assertThat(ExportIntegrationTest.awaitEqual(expected, () -> ExportIntegrationTest.parquetTotals(exports)))
                    .isEqualTo(expected);
            assertThat(ExportIntegrationTest.awaitEqual(expected, () -> ExportIntegrationTest.csvTotals(exports)))
                    .isEqualTo(expected);
            assertThat(rowsWrittenTwice(exports)).isZero();
        }
    }

    /** Rows of the same hour cell and revision found more than once: a crash must not leave any. */
    private static long rowsWrittenTwice(Path exports) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM (SELECT bucket, department, channel, agent, "
                     + "revision, count(*) AS copies FROM read_parquet('" + exports + "/format=parquet/**/*.parquet', "
                     + "hive_partitioning=true) GROUP BY ALL HAVING copies > 1)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void awaitSomeExportFiles(Path exports) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(exports)) {
                try (Stream<Path> files = Files.walk(exports)) {
                    if (files.anyMatch(p -> p.toString().endsWith(".parquet"))) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no export file within 60 s");
    }


}
