package io.deskstream.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportSinkTaskTest {

    /** The one query that reads the truth: the newest revision of each key. */
    static final String TRUTH = "SELECT * FROM $PARQUET QUALIFY row_number() OVER "
            + "(PARTITION BY bucket, department, channel, agent ORDER BY revision DESC) = 1";

    @TempDir
    Path dir;

    private ExportFixture parquet() {
        ExportFixture export = new ExportFixture(dir, "parquet");
        export.start();
        return export;
    }

    @Test
    void aClosedHourIsWrittenOnceAsRevisionOneAndDuckDbReadsItWithItsPartitions() throws Exception {
        ExportFixture export = parquet();
        export.now = Instant.parse("2026-11-02T12:00:00Z");
        export.row("2026-11-02T10:00:00Z", "sales", "email", "a-1", 3);
        export.row("2026-11-02T10:00:00Z", "support", "chat", null, 5);
        assertThat(export.commit()).isEqualTo(2);

        List<Map<String, Object>> rows = export.query("SELECT department, channel, agent, replies, revision, date "
                + "FROM $PARQUET ORDER BY department");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("department", "sales").containsEntry("replies", 3L)
                .containsEntry("revision", 1L).containsEntry("agent", "a-1");
        assertThat(rows.get(1)).containsEntry("department", "support").containsEntry("agent", null);
        assertThat(rows.get(0).get("date").toString()).isEqualTo("2026-11-02");
        assertThat(Files.exists(dir.resolve("format=parquet/date=2026-11-02/department=sales"))).isTrue();
    }

    @Test
    void anHourIsNotWrittenBeforeItsEndPlusTheDelay() throws Exception {
        ExportFixture export = parquet();
        export.now = Instant.parse("2026-11-02T11:59:59Z");
        export.row("2026-11-02T10:00:00Z", "sales", "email", "a-1", 3);
        export.commit();
        assertThat(parquetFiles()).isEmpty();
        export.now = Instant.parse("2026-11-02T12:00:00Z");
        export.commit();
        assertThat(parquetFiles()).hasSize(1);
    }

    @Test
    void theNewestHourInTheRecordsClosesOlderHoursAsFarAsTheClockPlusItsSkew() throws Exception {
        ExportFixture export = parquet();
        export.now = Instant.parse("2026-11-02T11:56:00Z");
        export.row("2026-11-02T10:00:00Z", "sales", "email", "a-1", 3);
        export.row("2026-11-02T12:00:00Z", "sales", "email", "a-1", 1);
        export.commit();
        assertThat(export.query("SELECT bucket FROM $PARQUET")).hasSize(1);
    }

    @Test
    void oneEventStampedADayAheadClosesNoCurrentHourEarlyAndCausesNoCorrection() throws Exception {
        ExportFixture export = parquet();
        export.now = Instant.parse("2026-11-02T10:30:00Z");
        export.row("2026-11-02T10:00:00Z", "sales", "email", "a-1", 1);
        export.row("2026-11-03T09:00:00Z", "sales", "email", "a-1", 1);
        export.commit();
        assertThat(parquetFiles()).isEmpty();

        export.row("2026-11-02T10:00:00Z", "sales", "email", "a-1", 2);
        export.now = Instant.parse("2026-11-02T12:00:00Z");
        export.commit();
        assertThat(export.query("SELECT replies, revision FROM $PARQUET"))
                .containsExactly(Map.of("replies", 2L, "revision", 1L));
    }

    @Test
    void onlyTheNewestValueOfAnOpenHourIsWritten() throws Exception {
        ExportFixture export = parquet();
        export.now = Instant.parse("2026-11-02T10:30:00Z");
        export.row("2026-11-02T10:00:00Z", "sales", "email", "a-1", 1);
        export.row("2026-11-02T10:00:00Z", "sales", "email", "a-1", 2);
        export.now = Instant.parse("2026-11-02T12:00:00Z");
        export.commit();
        assertThat(export.query("SELECT replies, revision FROM $PARQUET"))
                .containsExactly(Map.of("replies", 2L, "revision", 1L));
    }

    @Test
    void aChangeToAClosedHourWritesOneCorrectionWithRevisionTwoAndTheTruthShowsIt() throws Exception {
        ExportFixture export = parquet();
        export.now = Instant.parse("2026-11-02T12:00:00Z");
        export.row("2026-11-02T10:00:00Z", "sales", "email", "a-1", 3);
        export.commit();
        export.row("2026-11-02T10:00:00Z", "sales", "email", "a-1", 4);
        export.commit();

        assertThat(export.query("SELECT replies, revision FROM $PARQUET ORDER BY revision"))
                .containsExactly(Map.of("replies", 3L, "revision", 1L), Map.of("replies", 4L, "revision", 2L));
        assertThat(export.query("SELECT replies, revision FROM (" + TRUTH + ")"))
                .containsExactly(Map.of("replies", 4L, "revision", 2L));
    }

    @Test
    void theSameValueAgainWritesNothing() throws Exception {
        ExportFixture export = parquet();
        export.now = Instant.parse("2026-11-02T12:00:00Z");
        export.row("2026-11-02T10:00:00Z", "sales", "email", "a-1", 3);
        export.commit();
        export.row("2026-11-02T10:00:00Z", "sales", "email", "a-1", 3);
        export.commit();
        assertThat(export.query("SELECT revision FROM $PARQUET")).hasSize(1);
    }

    @Test
    void aRestartReadsAgainAfterTheLastCheckpointAndWritesNoRowTwice() throws Exception {
        ExportFixture first = parquet();
        first.now = Instant.parse("2026-11-02T12:00:00Z");
        first.row("2026-11-02T10:00:00Z", "sales", "email", "a-1", 3);
        first.commit();
        first.row("2026-11-02T10:00:00Z", "billing", "email", "a-2", 1);

        ExportFixture restarted = first.restart();
        assertThat(restarted.seekedTo.get(ExportFixture.PARTITION)).isEqualTo(1);
        restarted.redeliver();
        restarted.commit();
        assertThat(restarted.query("SELECT department, revision FROM $PARQUET ORDER BY department"))
                .containsExactly(Map.of("department", "billing", "revision", 1L), Map.of("department", "sales", "revision", 1L));
    }

    @Test
    void aCrashBetweenWritingFilesAndTheCheckpointNeitherLosesNorDuplicatesARow() throws Exception {
        ExportFixture export = parquet();
        export.now = Instant.parse("2026-11-02T12:00:00Z");
        export.row("2026-11-02T10:00:00Z", "sales", "email", "a-1", 3);
        export.commit();
        export.append("2026-11-02T10:00:00Z", "sales", "email", "a-1", 4);
        export.append("2026-11-02T10:00:00Z", "support", "chat", "a-3", 7);

        PartitionExport crashing = export.partitionExport(new CrashAfterWriting(RowFiles.of(
                new ExportConfig(Map.of(ExportConfig.DIRECTORY, dir.toString(), ExportConfig.FORMAT, "parquet",
                        ExportConfig.SCHEMA_REGISTRY_URL, "http://unused"))), 2));
        long from = crashing.recover();
        ExportFixture.Records records = export.records(from);
        records.forEach(crashing::add);
        crashing.closeHours(export.now);
        assertThatThrownBy(crashing::flush).hasMessageContaining("crash");
        assertThat(parquetFiles()).as("both files were written before the crash").hasSize(3);

        ExportFixture restarted = export.restart();
        assertThat(restarted.seekedTo.get(ExportFixture.PARTITION)).isEqualTo(1);
        restarted.redeliver();
        restarted.commit();

        assertThat(restarted.query("SELECT department, replies, revision FROM $PARQUET ORDER BY department, revision"))
                .containsExactly(
                        Map.of("department", "sales", "replies", 3L, "revision", 1L),
                        Map.of("department", "sales", "replies", 4L, "revision", 2L),
                        Map.of("department", "support", "replies", 7L, "revision", 1L));
    }

    /** Writes files as usual, then dies right after the n-th: before the journal and the checkpoint. */
    private static final class CrashAfterWriting extends RowFiles {
        private final RowFiles files;
        private final int crashAfter;
        private int written;

        CrashAfterWriting(RowFiles files, int crashAfter) {
            this.files = files;
            this.crashAfter = crashAfter;
        }

        @Override
        void write(Path target, List<ExportRow> rows) throws java.io.IOException {
            files.write(target, rows);
            if (++written == crashAfter) {
                throw new java.io.IOException("crash after writing " + target.getFileName());
            }
        }

        @Override
        void writeTo(Path file, List<ExportRow> rows) {
            throw new UnsupportedOperationException();
        }
    }

    private List<Path> parquetFiles() throws Exception {
        if (!Files.exists(dir.resolve("format=parquet"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir.resolve("format=parquet"))) {
            return files.filter(p -> p.toString().endsWith(".parquet")).toList();
        }
    }
}
