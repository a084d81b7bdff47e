package io.deskstream.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A department id is a folder name of the export (docs/exports.md): whatever the id, every file lands in its own
 * {@code department=} folder inside the export directory, and DuckDB reads the exact id back from the folder name.
 */
class HostileDepartmentIdsExportTest {

    /** Ids an event sender may choose (they follow the id rules), and a few the topology never writes. */
    static final List<String> HOSTILE = List.of("../../../../../outside", "../../../somewhere", "a/b", "%2e%2e", "..",
            ".", "dépt-ü-日本", "x=y", "C:\\x", "NULL", "null", "__HIVE_DEFAULT_PARTITION__", "sales.", " sales ",
            "\"#'*:?[]{^<>|%", "=HYPERLINK(\"http://x\")", "nul\u0000x", "/".repeat(64), "sales");

    @TempDir
    Path dir;

    private ExportFixture export(String format) {
        ExportFixture export = new ExportFixture(dir.resolve("exports"), format);
        export.start();
        export.now = Instant.parse("2026-11-02T12:00:00Z");
        // ".." first, in a flush of its own: its folder then exists, as it would from an earlier hour, and a
        // folder name "department=../../../../../outside" would lead through it to the directory above the exports.
        export.row("2026-11-02T10:00:00Z", "..", "email", "a-1", 1);
        export.commit();
        for (String department : HOSTILE) {
            export.row("2026-11-02T10:00:00Z", department, "email", "a-1", 1);
        }
        export.commit();
        return export;
    }

    @Test
    void everyParquetFileLandsInItsDepartmentFolderInsideTheExportDirectory() throws Exception {
        export("parquet");
        assertEveryFileInItsDepartmentFolder("parquet");
    }

    @Test
    void everyCsvFileLandsInItsDepartmentFolderInsideTheExportDirectory() throws Exception {
        export("csv");
        assertEveryFileInItsDepartmentFolder("csv");
    }

    @Test
    void duckDbReadsTheExactDepartmentIdBackFromTheParquetFolders() throws Exception {
        ExportFixture export = export("parquet");
        assertThat(departments(export, "SELECT department FROM $PARQUET")).containsExactlyInAnyOrderElementsOf(HOSTILE);
        assertThat(departments(export, "SELECT department FROM read_parquet('" + dir.resolve("exports")
                + "/format=parquet/**/*.parquet', hive_partitioning=false)")).as("the files' own column")
                .containsExactlyInAnyOrderElementsOf(HOSTILE);
    }

    @Test
    void duckDbReadsTheExactDepartmentIdBackFromTheCsvFolders() throws Exception {
        ExportFixture export = export("csv");
        // quote and escape named: DuckDB's sniffer may take the doubled quotes of RFC 4180 for something else
        assertThat(departments(export, "SELECT department FROM read_csv('" + dir.resolve("exports")
                + "/format=csv/**/*.csv', hive_partitioning=true, header=true, quote='\"', escape='\"')"))
                .containsExactlyInAnyOrderElementsOf(HOSTILE);
    }

    @Test
    void aDepartmentIdTooLongForAFolderNameFailsTheTaskLoudlyAndWritesNothing() throws Exception {
        ExportFixture export = new ExportFixture(dir.resolve("exports"), "parquet");
        export.start();
        export.now = Instant.parse("2026-11-02T12:00:00Z");
        export.row("2026-11-02T10:00:00Z", "d".repeat(1_000), "email", "a-1", 1);

        assertThatThrownBy(export::commit).isInstanceOf(ConnectException.class)
                .hasMessageContaining("department").hasMessageContaining("folder name");
        assertThat(dataFiles(dir)).isEmpty();
    }

    @Test
    void everyPathTheExportWouldWriteOutsideItsDirectoryIsRefused() {
        ExportLayout layout = new ExportLayout(dir.resolve("exports"), RowFormat.PARQUET);
        for (Path outside : List.of(dir.resolve("exports/../outside"), dir.resolve("exports/format=parquet/../../x"),
                dir.resolve("exports"), dir.resolve("exports-2/x"), Path.of("/tmp/x"))) {
            assertThatThrownBy(() -> layout.inside(outside)).as(outside.toString()).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("not inside the export directory " + dir.resolve("exports"));
        }
        assertThat(layout.inside(dir.resolve("exports/format=parquet/./x"))).isEqualTo(dir.resolve("exports/format=parquet/x"));
        for (String department : HOSTILE) {
            assertThat(layout.file(Instant.parse("2026-11-02T10:00:00Z"), department, "t", 0, 1, 2).getParent().getParent())
                    .isEqualTo(dir.resolve("exports/format=parquet/date=2026-11-02"));
        }
    }

    private static List<String> departments(ExportFixture export, String sql) throws Exception {
        return export.query(sql).stream().map(row -> (String) row.get("department")).toList();
    }

    /** Every data file is at exports/format=F/date=D/department=X/name, X naming one department; none elsewhere. */
    private void assertEveryFileInItsDepartmentFolder(String format) throws Exception {
        Path formatRoot = dir.resolve("exports").resolve("format=" + format).resolve("date=2026-11-02");
        List<Path> files = dataFiles(dir);
        assertThat(files).hasSize(HOSTILE.size());
        Set<Path> folders = new HashSet<>();
        for (Path file : files) {
            assertThat(file.getParent().getParent()).as(file.toString()).isEqualTo(formatRoot);
            assertThat(file.getParent().getFileName().toString()).startsWith("department=");
            folders.add(file.getParent());
        }
        assertThat(folders).as("one folder per department").hasSize(HOSTILE.size());
        assertThat(Files.exists(dir.resolve("outside"))).isFalse();
    }

    private static List<Path> dataFiles(Path under) throws Exception {
        try (Stream<Path> all = Files.walk(under)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".parquet") || p.toString().endsWith(".csv"))
                    .map(Path::normalize).toList();
        }
    }
}
