package io.deskstream.connectors;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.schemas.output.ReportRow;

/**
 * The export of one partition of the report-rows topic. The newest value of each hour cell waits until its hour is
 * closed (its end plus the delay, by the newest hour seen in the records or by the clock); it is then written as
 * revision 1, and each later change to it as the next revision. Nothing is lost or written twice across crashes:
 *
 * <ol>
 *   <li>a flush first records its intent (the files it is about to write),</li>
 *   <li>writes the files (each atomically), then appends the revisions it gave to a journal,</li>
 *   <li>then writes a checkpoint (atomically): the commit point, with the offset reached and the cells still open;</li>
 * </ol>
 * a restart loads the checkpoint, removes the files of an intent it does not cover, ignores journal lines after it,
 * and reads again from the offset after it. Kafka's committed offsets only follow the checkpoint.
 */
final class PartitionExport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HOUR = Duration.ofHours(1);
    /**
     * How far ahead of the clock the records' event time may close hours. Event time closes hours during a replay of
     * history; an accepted event stamped up to a day ahead must not close every current hour at once.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** The newest value of a cell not written yet, and the offset of the record that brought it. */
    private record Pending(long offset, byte[] raw, ReportRow row) {
    }

    private record Written(long revision, String hash) {
    }

    /** A row decided but not yet in a file: its cell, the offset of the record that brought it, its value's digest. */
    private record Outgoing(String key, long offset, ExportRow row, String hash) {
    }

    private final String topic;
    private final int partition;
    private final ExportLayout layout;
    private final RowFiles files;
    private final Duration closeDelay;
    private final Function<byte[], ReportRow> decoder;
    private final Path state;

    private long sequence;
    private long checkpointOffset = -1;
    private long lastOffset = -1;
    private Instant watermark = Instant.EPOCH;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Written> written = new HashMap<>();
    private final List<Outgoing> outgoing = new ArrayList<>();
    private Instant oldestOutgoing;

    PartitionExport(String topic, int partition, ExportLayout layout, RowFiles files, Duration closeDelay,
                    Function<byte[], ReportRow> decoder) {
        this.topic = topic;
        this.partition = partition;
        this.layout = layout;
        this.files = files;
        this.closeDelay = closeDelay;
        this.decoder = decoder;
        this.state = layout.stateDir(topic, partition);
    }

    /** Recovers what was committed; returns the offset to read from next. */
    long recover() throws IOException {
        Files.createDirectories(state);
        Path checkpoint = state.resolve("checkpoint.json");
        if (Files.exists(checkpoint)) {
            JsonNode saved = JSON.readTree(checkpoint.toFile());
            sequence = saved.path("sequence").asLong();
            checkpointOffset = saved.path("offset").asLong();
            watermark = Instant.parse(saved.path("watermark").asText());
            for (JsonNode cell : saved.path("pending")) {
                byte[] raw = Base64.getDecoder().decode(cell.path("value").asText());
                pending.put(cell.path("key").asText(), new Pending(cell.path("offset").asLong(), raw, decoder.apply(raw)));
            }
        }
        lastOffset = checkpointOffset;
        Path intent = state.resolve("intent.json");
        if (Files.exists(intent)) {
            JsonNode planned = JSON.readTree(intent.toFile());
            if (planned.path("sequence").asLong() > sequence) {
                for (JsonNode file : planned.path("files")) {
                    Files.deleteIfExists(layout.inside(Path.of(file.asText())));
                }
            }
            Files.delete(intent);
        }
        readJournal();
        return checkpointOffset + 1;
    }

    private void readJournal() throws IOException {
        Path journal = state.resolve("revisions.jsonl");
        if (!Files.exists(journal)) {
            return;
        }
        List<String> kept = new ArrayList<>();
        boolean dropped = false;
        try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode entry;
                try {
                    entry = JSON.readTree(line);
                } catch (IOException tornLastLine) {
                    dropped = true;
                    continue;
                }
                if (entry.path("s").asLong() > sequence) {
                    dropped = true;
                    continue;
                }
                written.put(entry.path("k").asText(), new Written(entry.path("r").asLong(), entry.path("h").asText()));
                kept.add(line);
            }
        }
        if (kept.size() > 2 * written.size() + 1_000) {
            // Mostly superseded revisions: keep one line per cell, all within the checkpoint.
            kept.clear();
            written.forEach((key, revision) -> kept.add(JSON.createObjectNode().put("s", sequence).put("k", key)
                    .put("r", revision.revision()).put("h", revision.hash()).toString()));
            dropped = true;
        }
        if (dropped) {
            Path rewritten = layout.inside(state.resolve("revisions.jsonl.tmp"));
            Files.write(rewritten, kept, StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(rewritten, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(rewritten, journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A record of the report-rows topic: the newest value of its cell. Records before the checkpoint are skipped. */
    void add(long offset, String key, byte[] raw) {
        if (offset <= checkpointOffset) {
            return;
        }
        lastOffset = Math.max(lastOffset, offset);
        if (key == null || raw == null) {
            return;
        }
        ReportRow row = decoder.apply(raw);
        if (row.getBucket().isAfter(watermark)) {
            watermark = row.getBucket();
        }
        pending.put(key, new Pending(offset, raw, row));
    }

    /**
     * Moves the cells whose hour has closed to the rows to write: new or changed ones only. An hour is closed when its
     * end plus the delay has passed by the newest hour seen in the records, trusted up to the clock plus a small
     * skew, or by the clock.
     */
    void closeHours(Instant now) {
        Instant trustedEventTime = watermark.isAfter(now.plus(CLOCK_SKEW)) ? now.plus(CLOCK_SKEW) : watermark;
        Instant horizon = (now.isAfter(trustedEventTime) ? now : trustedEventTime).minus(closeDelay);
        for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Pending> cell = it.next();
            Pending value = cell.getValue();
            if (value.row().getBucket().plus(HOUR).isAfter(horizon)) {
                continue;
            }
            it.remove();
            String hash = sha256(value.raw());
            Written before = written.get(cell.getKey());
            if (before != null && before.hash().equals(hash)) {
                continue;
            }
            Written next = new Written(before == null ? 1 : before.revision() + 1, hash);
            written.put(cell.getKey(), next);
            outgoing.add(new Outgoing(cell.getKey(), value.offset(),
                    new ExportRow(value.row(), next.revision(), now.truncatedTo(ChronoUnit.MILLIS)), hash));
            if (oldestOutgoing == null) {
                oldestOutgoing = now;
            }
        }
    }

    int outgoingRows() {
        return outgoing.size();
    }

    boolean rotationDue(Instant now, Duration interval) {
        return oldestOutgoing != null && !now.isBefore(oldestOutgoing.plus(interval));
    }

    /** The offset Kafka may commit: the next one after the checkpoint. */
    long committableOffset() {
        return checkpointOffset + 1;
    }

    /** Writes the rows waiting (if any) and a checkpoint at the offset reached. */
    void flush() throws IOException {
        long next = sequence + 1;
        Map<Path, List<ExportRow>> byFile = new TreeMap<>();
        Map<String, List<Outgoing>> groups = new LinkedHashMap<>();
        for (Outgoing decided : outgoing) {
            ReportRow row = decided.row().row();
            String group = row.getBucket().atOffset(ZoneOffset.UTC).toLocalDate() + "/" + row.getDepartment();
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(decided);
        }
        for (List<Outgoing> members : groups.values()) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            List<ExportRow> rows = new ArrayList<>();
            for (Outgoing decided : members) {
                first = Math.min(first, decided.offset());
                last = Math.max(last, decided.offset());
                rows.add(decided.row());
            }
            ReportRow any = rows.get(0).row();
            byFile.put(layout.file(any.getBucket(), any.getDepartment(), topic, partition, first, last), rows);
        }
        if (!byFile.isEmpty()) {
            ObjectNode intent = JSON.createObjectNode().put("sequence", next);
            byFile.keySet().forEach(file -> intent.withArray("files").add(file.toString()));
            atomically(layout.inside(state.resolve("intent.json")), JSON.writeValueAsBytes(intent));
            for (Map.Entry<Path, List<ExportRow>> file : byFile.entrySet()) {
                files.write(layout.inside(file.getKey()), file.getValue());
            }
            appendJournal(next);
        }
        ObjectNode checkpoint = JSON.createObjectNode()
                .put("sequence", next)
                .put("offset", lastOffset)
                .put("watermark", watermark.toString());
        for (Map.Entry<String, Pending> cell : pending.entrySet()) {
            checkpoint.withArray("pending").addObject()
                    .put("key", cell.getKey())
                    .put("offset", cell.getValue().offset())
                    .put("value", Base64.getEncoder().encodeToString(cell.getValue().raw()));
        }
        atomically(layout.inside(state.resolve("checkpoint.json")), JSON.writeValueAsBytes(checkpoint));
        Files.deleteIfExists(state.resolve("intent.json"));
        sequence = next;
        checkpointOffset = lastOffset;
        outgoing.clear();
        oldestOutgoing = null;
    }

    private void appendJournal(long next) throws IOException {
        Path journal = layout.inside(state.resolve("revisions.jsonl"));
        try (Writer out = Files.newBufferedWriter(journal, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            for (Outgoing decided : outgoing) {
                ObjectNode entry = JSON.createObjectNode().put("s", next).put("k", decided.key())
                        .put("r", decided.row().revision()).put("h", decided.hash());
                out.write(JSON.writeValueAsString(entry));
                out.write('\n');
            }
        }
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void atomically(Path target, byte[] content) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(temporary, content);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
