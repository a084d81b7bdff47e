package io.deskstream.connectors;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * How far the export has got, as its own state in the export directory records it, for a status page to show without
 * asking the Connect worker: each partition's checkpoint holds the newest hour it has written.
 */
public final class ExportProgress {

    static final String NEWEST_HOUR_CLOSED = "newestHourClosed";
    /** The checkpoint's cells still open come after the hour, and can run to megabytes: reading stops there. */
    private static final String OPEN_CELLS = "pending";
    private static final JsonFactory JSON = new JsonFactory();

    private ExportProgress() {
    }

    /**
     * The start of the newest hour the export of {@code format} under {@code exportsDir} has closed and written to
     * files, over all partitions; empty before the first.
     */
    public static Optional<Instant> newestHourClosed(Path exportsDir, RowFormat format) throws IOException {
        Path states = new ExportLayout(exportsDir, format).stateRoot();
        if (!Files.isDirectory(states)) {
            return Optional.empty();
        }
        Instant newest = null;
        try (DirectoryStream<Path> partitions = Files.newDirectoryStream(states, Files::isDirectory)) {
            for (Path partition : partitions) {
                Instant hour = newestHourClosed(partition.resolve("checkpoint.json"));
                if (hour != null && (newest == null || hour.isAfter(newest))) {
                    newest = hour;
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    /** The hour a checkpoint records, or null when it records none or the partition has none yet. */
    private static Instant newestHourClosed(Path checkpoint) throws IOException {
        JsonParser json;
        try {
            json = JSON.createParser(checkpoint.toFile());
        } catch (java.io.FileNotFoundException | NoSuchFileException noCheckpointYet) {
            return null;
        }
        try (json) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(checkpoint + " is not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                if (field.equals(OPEN_CELLS)) {
                    return null;
                }
                json.nextToken();
                if (field.equals(NEWEST_HOUR_CLOSED)) {
                    return Instant.parse(json.getText());
                }
                json.skipChildren();
            }
            return null;
        }
    }
}
