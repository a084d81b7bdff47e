package io.deskstream.connectors;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Where files go: Hive-style {@code format=parquet/date=YYYY-MM-DD/department=ID/}, named
 * {@code <topic>+<partition>+<first offset>+<last offset>.<ext>} so that writing the same records again gives the
 * same file rather than a second one. The sink's own bookkeeping lives under {@code _state/}, which readers of the
 * dataset skip (Hive, Spark and DuckDB ignore names starting with an underscore).
 */
final class ExportLayout {

    private final Path root;
    private final RowFormat format;

    ExportLayout(Path root, RowFormat format) {
        this.root = root;
        this.format = format;
    }

    Path formatRoot() {
        return root.resolve("format=" + format.extension());
    }

    Path file(Instant bucket, String department, String topic, int partition, long first, long last) {
        return formatRoot()
                .resolve("date=" + bucket.atOffset(ZoneOffset.UTC).toLocalDate())
                .resolve("department=" + department)
                .resolve(topic + "+" + partition + "+" + first + "+" + last + "." + format.extension());
    }

    Path stateDir(String topic, int partition) {
        return root.resolve("_state").resolve("format=" + format.extension()).resolve(topic + "+" + partition);
    }
}
