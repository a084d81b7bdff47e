package io.deskstream.connectors;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

import io.deskstream.schemas.ids.Ids;
import io.deskstream.schemas.ids.PartitionValue;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Where files go: Hive-style {@code format=parquet/date=YYYY-MM-DD/department=ID/}, named
 * {@code <topic>+<partition>+<first offset>+<last offset>.<ext>} so that writing the same records again gives the
 * same file rather than a second one. The sink's own bookkeeping lives under {@code _state/}, which readers of the
 * dataset skip (Hive, Spark and DuckDB ignore names starting with an underscore).
 *
 * <p>A department id is whatever an event sender chose: its folder name is the id encoded as Hive encodes partition
 * values ({@link PartitionValue}), which is one name, never a path, and which readers decode back to the exact id.
 * Every path the export writes or removes is checked to lie inside the export directory ({@link #inside}); one that
 * does not stops the export with a message saying why, before anything is written.
 */
final class ExportLayout {

    /** The longest file name most file systems take, in bytes. */
    private static final int MAX_NAME_BYTES = 255;

    private final Path root;
    private final RowFormat format;

    ExportLayout(Path root, RowFormat format) {
        this.root = root.toAbsolutePath().normalize();
        this.format = format;
    }

    Path formatRoot() {
        return root.resolve("format=" + format.extension());
    }

    Path file(Instant bucket, String department, String topic, int partition, long first, long last) {
        String folder = "department=" + PartitionValue.encode(department);
        int bytes = folder.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new ConnectException("the department id " + Ids.quoted(department) + " cannot be a folder name of "
                    + "the export: its folder name is " + bytes + " bytes, more than the " + MAX_NAME_BYTES + " a file "
                    + "name may have. deskstream refuses such ids (docs/events.md, Ids): were the report rows written "
                    + "by another producer?");
        }
        Path file;
        try {
            file = formatRoot()
                    .resolve("date=" + bucket.atOffset(ZoneOffset.UTC).toLocalDate())
                    .resolve(folder)
                    .resolve(topic + "+" + partition + "+" + first + "+" + last + "." + format.extension());
        } catch (InvalidPathException e) {
            throw new ConnectException("the department id " + Ids.quoted(department) + " cannot be a folder name "
                    + "on this file system (" + e.getReason() + "); file names are encoded as "
                    + System.getProperty("sun.jnu.encoding") + ": run the worker with a UTF-8 locale", e);
        }
        return inside(file);
    }

    Path stateDir(String topic, int partition) {
        return inside(stateRoot().resolve(topic + "+" + partition));
    }

    /** The bookkeeping of this format: a folder per partition exported. */
    Path stateRoot() {
        return inside(root.resolve("_state").resolve("format=" + format.extension()));
    }

    /**
     * The path, absolute and normalised, once it is sure to lie inside the export directory; otherwise the export
     * stops with a message naming both, and nothing is written.
     */
    Path inside(Path path) {
        Path resolved = path.toAbsolutePath().normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new ConnectException("refusing to write " + path + ": it is not inside the export directory " + root);
        }
        return resolved;
    }
}
