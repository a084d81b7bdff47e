package io.deskstream.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deskstream.schemas.output.ReportRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export's memory of the revisions it wrote ({@link RevisionJournal}): one journal file per day, a few days in
 * memory, compacted while running, and forgotten past the retention. Exports of partition 0 are driven directly, with
 * values as plain text and files recorded in memory rather than written.
 */
class RevisionMemoryTest {

    private static final String TOPIC = "deskstream.report-rows";

    @TempDir
    Path dir;

    /** The records of partition 0: cell key and value, at offsets 0, 1, 2... */
    private final List<String> keys = new ArrayList<>();
    private final List<byte[]> values = new ArrayList<>();

    @Test
    void revisionsAndTheSameValueAgainHoldAcrossDayFilesAndRestarts() throws Exception {
        Instant now = Instant.parse("2026-11-05T00:00:00Z");
        Recorded files = new Recorded();
        PartitionExport first = export(files, 400, 8);
        long from = first.recover();
        append("2026-11-02T10:00:00Z", "a-1", 1);
        append("2026-11-03T10:00:00Z", "a-2", 1);
        feed(first, from, now);
        assertThat(files.revisions()).containsExactly(
                Map.entry("2026-11-02T10:00:00Z|a-1", 1L), Map.entry("2026-11-03T10:00:00Z|a-2", 1L));
        assertThat(journalDays()).containsExactly("2026-11-02.jsonl", "2026-11-03.jsonl");

        files.clear();
        append("2026-11-02T10:00:00Z", "a-1", 2);
        append("2026-11-03T10:00:00Z", "a-2", 1);
        PartitionExport restarted = export(files, 400, 8);
        feed(restarted, restarted.recover(), now);
        assertThat(files.revisions()).containsExactly(Map.entry("2026-11-02T10:00:00Z|a-1", 2L));

        files.clear();
        append("2026-11-03T10:00:00Z", "a-2", 5);
        PartitionExport again = export(files, 400, 8);
        feed(again, again.recover(), now);
        assertThat(files.revisions()).containsExactly(Map.entry("2026-11-03T10:00:00Z|a-2", 2L));
    }

    @Test
    void cellKeysOfAnyTextAreReadBackFromTheJournal() throws Exception {
        Instant now = Instant.parse("2026-11-05T00:00:00Z");
        String agent = "a\"\\\u001f\n\t日本\uD83D\uDE00";
        Recorded files = new Recorded();
        PartitionExport first = export(files, 400, 8);
        long from = first.recover();
        append("2026-11-02T10:00:00Z", agent, 1);
        feed(first, from, now);

        files.clear();
        append("2026-11-02T10:00:00Z", agent, 1);
        append("2026-11-02T10:00:00Z", agent, 2);
        PartitionExport restarted = export(files, 400, 8);
        feed(restarted, restarted.recover(), now);
        assertThat(files.revisions()).containsExactly(Map.entry("2026-11-02T10:00:00Z|" + agent, 2L));
        assertThat(journal("2026-11-02")).extracting(line -> line.path("k").asText())
                .containsOnly("2026-11-02T10:00:00Z|" + agent);
    }

    @Test
    void aCorrectionOfADayNoLongerInMemoryGetsTheNextRevisionFromItsFile() throws Exception {
        Instant now = Instant.parse("2026-11-10T00:00:00Z");
        Recorded files = new Recorded();
        PartitionExport export = export(files, 400, 2);
        long from = export.recover();
        for (String day : List.of("2026-11-02", "2026-11-03", "2026-11-04")) {
            append(day + "T10:00:00Z", "a-1", 1);
            from = feed(export, from, now);
        }
        assertThat(export.revisionDaysInMemory())
                .containsExactly(LocalDate.parse("2026-11-03"), LocalDate.parse("2026-11-04"));

        files.clear();
        append("2026-11-02T10:00:00Z", "a-1", 1);
        from = feed(export, from, now);
        assertThat(files.revisions()).as("the same value again, read back from the day's file").isEmpty();

        append("2026-11-02T10:00:00Z", "a-1", 2);
        from = feed(export, from, now);
        assertThat(files.revisions()).containsExactly(Map.entry("2026-11-02T10:00:00Z|a-1", 2L));
        assertThat(export.revisionDaysInMemory()).hasSize(2).contains(LocalDate.parse("2026-11-02"));

        files.clear();
        append("2026-11-03T10:00:00Z", "a-1", 2);
        append("2026-11-04T10:00:00Z", "a-1", 2);
        feed(export, from, now);
        assertThat(files.revisions()).containsExactly(
                Map.entry("2026-11-03T10:00:00Z|a-1", 2L), Map.entry("2026-11-04T10:00:00Z|a-1", 2L));
    }

    @Test
    void aDayFileMostlyOfSupersededRevisionsIsCompactedWhileRunningAndKeepsTheNewestOfEachCell() throws Exception {
        Instant now = Instant.parse("2026-11-05T00:00:00Z");
        Recorded files = new Recorded();
        PartitionExport export = export(files, 400, 8);
        long from = export.recover();
        int cells = 10;
        int rounds = 30;
        long mostLines = 0;
        for (int round = 1; round <= rounds; round++) {
            for (int agent = 0; agent < cells; agent++) {
                append("2026-11-02T10:00:00Z", "a-" + agent, round);
            }
            from = feed(export, from, now);
            mostLines = Math.max(mostLines, journal("2026-11-02").size());
        }
        assertThat(rounds * cells).isGreaterThan(2 * cells + RevisionJournal.COMPACTION_SLACK);
        assertThat(mostLines).as("compacted while running").isLessThanOrEqualTo(2 * cells + RevisionJournal.COMPACTION_SLACK);

        Map<String, Long> newest = new HashMap<>();
        for (JsonNode line : journal("2026-11-02")) {
            newest.merge(line.path("k").asText(), line.path("r").asLong(), Math::max);
        }
        assertThat(newest).hasSize(cells).allSatisfy((cell, revision) -> assertThat(revision).isEqualTo(rounds));

        files.clear();
        append("2026-11-02T10:00:00Z", "a-0", rounds);
        append("2026-11-02T10:00:00Z", "a-1", rounds + 1);
        PartitionExport restarted = export(files, 400, 8);
        feed(restarted, restarted.recover(), now);
        assertThat(files.revisions()).containsExactly(Map.entry("2026-11-02T10:00:00Z|a-1", rounds + 1L));
    }

    @Test
    void daysPastTheRetentionAreForgottenInMemoryAndOnDiskAndTheirRowsIgnored() throws Exception {
        Recorded files = new Recorded();
        PartitionExport export = export(files, 3, 8);
        long from = export.recover();
        Instant now = Instant.parse("2026-11-05T12:00:00Z");
        append("2026-11-02T10:00:00Z", "a-1", 1);
        append("2026-11-03T10:00:00Z", "a-1", 1);
        from = feed(export, from, now);
        assertThat(journalDays()).containsExactly("2026-11-02.jsonl", "2026-11-03.jsonl");

        // An hour far ahead of the clock is trusted only as far as the clock plus the skew: 11-02 is still kept.
        append("2026-11-20T10:00:00Z", "a-1", 1);
        from = feed(export, from, now);
        assertThat(journalDays()).containsExactly("2026-11-02.jsonl", "2026-11-03.jsonl");

        now = Instant.parse("2026-11-07T12:00:00Z");
        append("2026-11-07T10:00:00Z", "a-1", 1);
        from = feed(export, from, now);
        assertThat(journalDays()).containsExactly("2026-11-07.jsonl");
        assertThat(export.revisionDaysInMemory()).containsExactly(LocalDate.parse("2026-11-07"));
        assertThat(export.revisionsInMemory()).isEqualTo(1);

        files.clear();
        append("2026-11-03T10:00:00Z", "a-1", 2);
        append("2026-11-04T10:00:00Z", "a-1", 1);
        long committed = feed(export, from, now);
        assertThat(files.revisions()).as("11-03 is a whole day past the retention, 11-04 not yet")
                .containsExactly(Map.entry("2026-11-04T10:00:00Z|a-1", 1L));
        assertThat(committed).isEqualTo(values.size());

        files.clear();
        append("2026-11-03T10:00:00Z", "a-1", 3);
        PartitionExport restarted = export(files, 3, 8);
        feed(restarted, restarted.recover(), now);
        assertThat(files.revisions()).isEmpty();
        assertThat(journalDays()).containsExactly("2026-11-04.jsonl", "2026-11-07.jsonl");
    }

    @Test
    void tombstonesAreSkippedAndChangeNothing() throws Exception {
        Instant now = Instant.parse("2026-11-05T00:00:00Z");
        Recorded files = new Recorded();
        PartitionExport export = export(files, 400, 8);
        long from = export.recover();
        append("2026-11-02T10:00:00Z", "a-1", 1);
        from = feed(export, from, now);

        keys.add("2026-11-02T10:00:00Z|a-1");
        values.add(null);
        from = feed(export, from, now);
        assertThat(from).isEqualTo(2);
        assertThat(export.revisionsInMemory()).isEqualTo(1);

        append("2026-11-02T10:00:00Z", "a-1", 2);
        PartitionExport restarted = export(files, 400, 8);
        assertThat(restarted.recover()).isEqualTo(2);
        feed(restarted, 2, now);
        assertThat(files.revisions()).containsExactly(
                Map.entry("2026-11-02T10:00:00Z|a-1", 1L), Map.entry("2026-11-02T10:00:00Z|a-1", 2L));
    }

    @Test
    void journalLinesOfAFlushThatNeverReachedItsCheckpointAreNotTakenForCommittedByTheNextFlush() throws Exception {
        Instant now = Instant.parse("2026-11-05T00:00:00Z");
        Recorded files = new Recorded();
        PartitionExport export = export(files, 400, 1);
        long from = export.recover();
        append("2026-11-02T10:00:00Z", "a-1", 1);
        append("2026-11-03T10:00:00Z", "a-1", 1);
        from = feed(export, from, now);

        append("2026-11-02T10:00:00Z", "a-1", 2);
        append("2026-11-03T10:00:00Z", "a-1", 2);
        Path state = new ExportLayout(dir, RowFormat.PARQUET).stateDir(TOPIC, 0);
        Path blocked = Files.createDirectories(state.resolve("checkpoint.json.tmp").resolve("blocked"));
        for (long offset = from; offset < values.size(); offset++) {
            export.add(offset, keys.get((int) offset), values.get((int) offset));
        }
        export.closeHours(now);
        assertThatThrownBy(export::flush).as("files and journal written, then no checkpoint")
                .isInstanceOf(IOException.class);
        assertThat(journal("2026-11-03")).hasSize(2);
        Files.delete(blocked);
        Files.delete(blocked.getParent());

        files.clear();
        PartitionExport restarted = export(files, 400, 1);
        from = restarted.recover();
        assertThat(from).isEqualTo(2);
        // One record per flush: the first flush after the restart has the unfinished flush's sequence.
        for (long offset = from; offset < values.size(); offset++) {
            restarted.add(offset, keys.get((int) offset), values.get((int) offset));
            restarted.closeHours(now);
            restarted.flush();
        }
        assertThat(files.revisions()).containsExactly(
                Map.entry("2026-11-02T10:00:00Z|a-1", 2L), Map.entry("2026-11-03T10:00:00Z|a-1", 2L));
    }

    @Test
    void aMillionWrittenCellsKeepOnlyTheDaysInMemoryWithinTheirBound() throws Exception {
        int days = 100;
        int cellsPerDay = 10_000;
        int daysInMemory = 8;
        PartitionExport export = export(new WritesNothing(), 400, daysInMemory);
        long offset = export.recover();
        LocalDate first = LocalDate.parse("2026-01-01");
        long started = System.nanoTime();
        long startedCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        int mostInMemory = 0;
        for (int d = 0; d < days; d++) {
            LocalDate day = first.plusDays(d);
            for (int hour = 0; hour < 10; hour++) {
                String bucket = day + "T" + (hour < 10 ? "0" : "") + hour + ":00:00Z";
                for (int agent = 0; agent < cellsPerDay / 10; agent++) {
                    String key = bucket + "|a-" + agent;
                    export.add(offset++, key, (key + "|1").getBytes(StandardCharsets.UTF_8));
                }
            }
            export.closeHours(day.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
            assertThat(export.outgoingRows()).isEqualTo(cellsPerDay);
            export.flush();
            mostInMemory = Math.max(mostInMemory, export.revisionsInMemory());
            assertThat(export.revisionsInMemory()).isLessThanOrEqualTo(daysInMemory * cellsPerDay);
            assertThat(export.revisionDaysInMemory()).hasSizeLessThanOrEqualTo(daysInMemory);
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        long cpuMillis = Duration.ofNanos(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - startedCpu)
                .toMillis();
        assertThat(journalDays()).hasSize(days);
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long usedMiB = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        System.out.printf("%d cells written over %d days in %d ms (%d ms of CPU): at most %d revisions in memory "
                + "(%d days), heap used after GC %d MiB%n", (long) days * cellsPerDay, days, millis, cpuMillis,
                mostInMemory, daysInMemory, usedMiB);
        assertThat(mostInMemory).isEqualTo(daysInMemory * cellsPerDay);
        // The export, with the days it holds, is measured alive.
        Reference.reachabilityFence(export);
    }

    private PartitionExport export(RowFiles files, int retentionDays, int daysInMemory) {
        return new PartitionExport(TOPIC, 0, new ExportLayout(dir, RowFormat.PARQUET), files, Duration.ofHours(1),
                Duration.ofDays(retentionDays), daysInMemory, RevisionMemoryTest::decode);
    }

    /** Appends a record: the cell {@code bucket|agent}, its value {@code bucket|agent|replies}. */
    private void append(String bucket, String agent, long replies) {
        keys.add(bucket + "|" + agent);
        values.add((bucket + "|" + agent + "|" + replies).getBytes(StandardCharsets.UTF_8));
    }

    /** Hands the export the records from an offset, closes hours, flushes; returns the offset to read from next. */
    private long feed(PartitionExport export, long from, Instant now) throws IOException {
        for (long offset = from; offset < values.size(); offset++) {
            export.add(offset, keys.get((int) offset), values.get((int) offset));
        }
        export.closeHours(now);
        export.flush();
        return export.committableOffset();
    }

    private static ReportRow decode(byte[] raw) {
        String[] fields = new String(raw, StandardCharsets.UTF_8).split("\\|");
        ReportRow row = new ReportRow();
        row.setBucket(Instant.parse(fields[0]));
        row.setDepartment("sales");
        row.setChannel("email");
        row.setAgent(fields[1]);
        row.setReplies(Long.parseLong(fields[2]));
        return row;
    }

    private Path journals() {
        return new ExportLayout(dir, RowFormat.PARQUET).stateDir(TOPIC, 0).resolve("revisions");
    }

    private List<String> journalDays() throws IOException {
        try (Stream<Path> files = Files.list(journals())) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private List<JsonNode> journal(String day) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(journals().resolve(day + ".jsonl"))) {
            lines.add(json.readTree(line));
        }
        return lines;
    }

    /** Keeps the rows written, in order, instead of writing files. */
    private static final class Recorded extends RowFiles {
        private final List<ExportRow> rows = new ArrayList<>();

        @Override
        void write(Path target, List<ExportRow> written) {
            rows.addAll(written);
        }

        @Override
        void writeTo(Path file, List<ExportRow> written) {
            throw new UnsupportedOperationException();
        }

        /** The rows written as (bucket|agent, revision), in the order written. */
        List<Map.Entry<String, Long>> revisions() {
            return rows.stream().map(row -> Map.entry(row.row().getBucket() + "|" + row.row().getAgent(), row.revision()))
                    .toList();
        }

        void clear() {
            rows.clear();
        }
    }

    /** Writes no file at all: what is measured is the export's own memory. */
    private static final class WritesNothing extends RowFiles {
        @Override
        void write(Path target, List<ExportRow> rows) {
        }

        @Override
        void writeTo(Path file, List<ExportRow> rows) {
            throw new UnsupportedOperationException();
        }
    }
}
