package io.deskstream.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newest hour closed, as a status page reads it from the export's own state. */
class ExportProgressTest {

    @TempDir
    Path dir;

    @Test
    void noHourIsClosedBeforeTheExportWritesOne() throws Exception {
        assertThat(ExportProgress.newestHourClosed(dir, RowFormat.PARQUET)).isEmpty();

        ExportFixture export = new ExportFixture(dir, "parquet");
        export.start();
        export.now = Instant.parse("2026-11-02T10:30:00Z");
        export.row("2026-11-02T10:00:00Z", "sales", "email", "a-1", 3);
        export.commit();

        assertThat(ExportProgress.newestHourClosed(dir, RowFormat.PARQUET)).isEmpty();
    }

    @Test
    void theNewestHourWrittenIsReadForItsFormatOnly() throws Exception {
        ExportFixture export = new ExportFixture(dir, "parquet");
        export.start();
        export.now = Instant.parse("2026-11-02T13:00:00Z");
        export.row("2026-11-02T09:00:00Z", "sales", "email", "a-1", 1);
        export.row("2026-11-02T11:00:00Z", "support", "chat", null, 2);
        export.row("2026-11-02T12:00:00Z", "sales", "email", "a-1", 3);
        export.commit();

        assertThat(ExportProgress.newestHourClosed(dir, RowFormat.PARQUET))
                .contains(Instant.parse("2026-11-02T11:00:00Z"));
        assertThat(ExportProgress.newestHourClosed(dir, RowFormat.CSV)).isEmpty();
    }

    @Test
    void aCorrectionOfAnOlderHourLeavesTheNewestHourAsItWas() throws Exception {
        ExportFixture export = new ExportFixture(dir, "csv");
        export.start();
        export.now = Instant.parse("2026-11-02T13:00:00Z");
        export.row("2026-11-02T09:00:00Z", "sales", "email", "a-1", 1);
        export.row("2026-11-02T11:00:00Z", "sales", "email", "a-1", 2);
        export.commit();
        export.row("2026-11-02T09:00:00Z", "sales", "email", "a-1", 5);
        export.commit();

        assertThat(ExportProgress.newestHourClosed(dir, RowFormat.CSV))
                .contains(Instant.parse("2026-11-02T11:00:00Z"));
    }

    @Test
    void theNewestHourClosedOutlivesARestart() throws Exception {
        ExportFixture export = new ExportFixture(dir, "parquet");
        export.start();
        export.now = Instant.parse("2026-11-02T13:00:00Z");
        export.row("2026-11-02T11:00:00Z", "sales", "email", "a-1", 2);
        export.commit();

        ExportFixture again = export.restart();
        again.row("2026-11-02T12:30:00Z", "sales", "email", "a-1", 1);
        again.commit();

        assertThat(ExportProgress.newestHourClosed(dir, RowFormat.PARQUET))
                .contains(Instant.parse("2026-11-02T11:00:00Z"));
    }
}
