package io.deskstream.connectors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
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
 *
 * <p>The revisions given are kept for the days that can still change only ({@link RevisionJournal}): a day older than
 * the retention, counted back from the newest hour seen (trusted as far as the clock plus {@link #CLOCK_SKEW}), is
 * forgotten once a checkpoint says so, and a later record of it is ignored: deskstream forgets such hours too, and
 * only a replay from past the retention brings one.
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

    /** A row decided but not yet in a file, and the offset of the record that brought it. */
    private record Outgoing(long offset, ExportRow row) {
    }

    private final String topic;
    private final int partition;
    private final ExportLayout layout;
    private final RowFiles files;
    private final Duration closeDelay;
    private final Duration retention;
    private final Function<byte[], ReportRow> decoder;
    private final Path state;
    private final RevisionJournal revisions;
    private final MessageDigest sha256;

    private long sequence;
    private long checkpointOffset = -1;
    private long lastOffset = -1;
    private Instant watermark = Instant.EPOCH;
    /** The days before this one are older than the retention: forgotten, and their records ignored. */
    private LocalDate forgottenBefore = LocalDate.MIN;
    /** The start of the newest hour written to files (closed), or null before the first. */
    private Instant newestHourClosed;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final List<Outgoing> outgoing = new ArrayList<>();
    private Instant oldestOutgoing;

    /**
     * @param retention    how long an hour can change (deskstream's retention): older days are forgotten
     * @param daysInMemory how many days of revisions to keep in memory at most (more only for the days a flush that
     *                     is not yet written decided cells of)
     */
    PartitionExport(String topic, int partition, ExportLayout layout, RowFiles files, Duration closeDelay,
                    Duration retention, int daysInMemory, Function<byte[], ReportRow> decoder) {
        this.topic = topic;
        this.partition = partition;
        this.layout = layout;
        this.files = files;
        this.closeDelay = closeDelay;
        this.retention = retention;
        this.decoder = decoder;
        this.state = layout.stateDir(topic, partition);
        this.revisions = new RevisionJournal(layout, state.resolve("revisions"), daysInMemory);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
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
            if (saved.has("forgottenBefore")) {
                forgottenBefore = LocalDate.parse(saved.path("forgottenBefore").asText());
            }
            if (saved.has(ExportProgress.NEWEST_HOUR_CLOSED)) {
                newestHourClosed = Instant.parse(saved.path(ExportProgress.NEWEST_HOUR_CLOSED).asText());
            }
            for (JsonNode cell : saved.path("pending")) {
                byte[] raw = Base64.getDecoder().decode(cell.path("value").asText());
                pending.put(cell.path("key").asText(), new Pending(cell.path("offset").asLong(), raw, decoder.apply(raw)));
            }
        }
        lastOffset = checkpointOffset;
        // The single journal of earlier (unreleased) versions, which held every cell ever written: not read.
        Files.deleteIfExists(layout.inside(state.resolve("revisions.jsonl")));
        Files.deleteIfExists(layout.inside(state.resolve("revisions.jsonl.tmp")));
        Path intent = state.resolve("intent.json");
        List<LocalDate> unfinished = new ArrayList<>();
        if (Files.exists(intent)) {
            JsonNode planned = JSON.readTree(intent.toFile());
            if (planned.path("sequence").asLong() > sequence) {
                for (JsonNode file : planned.path("files")) {
                    Files.deleteIfExists(layout.inside(Path.of(file.asText())));
                }
                for (JsonNode day : planned.path("journals")) {
                    unfinished.add(LocalDate.parse(day.asText()));
                }
            }
        }
        // Before the intent goes: its days' journals are cleaned of the unfinished flush's lines.
        revisions.recover(sequence, forgottenBefore, unfinished);
        Files.deleteIfExists(intent);
        return checkpointOffset + 1;
    }

    /**
     * A record of the report-rows topic: the newest value of its cell. Records before the checkpoint are skipped, and
     * so are tombstones (the cell is past the retention) and rows of a day already forgotten.
     */
    void add(long offset, String key, byte[] raw) {
        if (offset <= checkpointOffset) {
            return;
        }
        lastOffset = Math.max(lastOffset, offset);
        if (key == null || raw == null) {
            return;
        }
        ReportRow row = decoder.apply(raw);
        if (day(row.getBucket()).isBefore(forgottenBefore)) {
            return;
        }
        if (row.getBucket().isAfter(watermark)) {
            watermark = row.getBucket();
        }
        pending.put(key, new Pending(offset, raw, row));
    }

    /**
     * Moves the cells whose hour has closed to the rows to write: new or changed ones only. An hour is closed when its
     * end plus the delay has passed by the newest hour seen in the records, trusted up to the clock plus a small
     * skew, or by the clock. The same trusted event time, less the retention, says which days are past it: they are
     * forgotten at the next checkpoint, and a cell of theirs still waiting is closed now.
     */
    void closeHours(Instant now) throws IOException {
        Instant trustedEventTime = watermark.isAfter(now.plus(CLOCK_SKEW)) ? now.plus(CLOCK_SKEW) : watermark;
        Instant horizon = (now.isAfter(trustedEventTime) ? now : trustedEventTime).minus(closeDelay);
        LocalDate retained = day(trustedEventTime.minus(retention));
        if (retained.isAfter(forgottenBefore)) {
            forgottenBefore = retained;
        }
        for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Pending> cell = it.next();
            Pending value = cell.getValue();
            LocalDate day = day(value.row().getBucket());
            if (value.row().getBucket().plus(HOUR).isAfter(horizon) && !day.isBefore(forgottenBefore)) {
                continue;
            }
            it.remove();
            long digest = digest(value.raw());
            RevisionJournal.Revision before = revisions.get(day, cell.getKey());
            if (before != null && before.digest() == digest) {
                continue;
            }
            RevisionJournal.Revision next = new RevisionJournal.Revision(before == null ? 1 : before.revision() + 1,
                    digest);
            revisions.put(day, cell.getKey(), next);
            outgoing.add(new Outgoing(value.offset(),
                    new ExportRow(value.row(), next.revision(), now.truncatedTo(ChronoUnit.MILLIS))));
            if (oldestOutgoing == null) {
                oldestOutgoing = now;
            }
        }
    }

    int outgoingRows() {
        return outgoing.size();
    }

    /** How many cells' revisions are held in memory. */
    int revisionsInMemory() {
        return revisions.cellsInMemory();
    }

    /** The days whose revisions are held in memory. */
    List<LocalDate> revisionDaysInMemory() {
        return revisions.daysInMemory();
    }

    boolean rotationDue(Instant now, Duration interval) {
        return oldestOutgoing != null && !now.isBefore(oldestOutgoing.plus(interval));
    }

    /** The offset Kafka may commit: the next one after the checkpoint. */
    long committableOffset() {
        return checkpointOffset + 1;
    }

    /** What one flush made durable: rows and files, the hours written for the first time, the correction rows. */
    record Flushed(int rows, int files, int hoursClosed, int corrections) {
    }

    /** Writes the rows waiting (if any) and a checkpoint at the offset reached. */
    Flushed flush() throws IOException {
        long next = sequence + 1;
        Map<Path, List<ExportRow>> byFile = new TreeMap<>();
        Map<String, List<Outgoing>> groups = new LinkedHashMap<>();
        for (Outgoing decided : outgoing) {
            ReportRow row = decided.row().row();
            String group = day(row.getBucket()) + "/" + row.getDepartment();
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
        Instant newest = newestHourClosed;
        for (Outgoing decided : outgoing) {
            Instant hour = decided.row().row().getBucket();
            newest = newest == null || hour.isAfter(newest) ? hour : newest;
        }
        if (!byFile.isEmpty()) {
            ObjectNode intent = JSON.createObjectNode().put("sequence", next);
            byFile.keySet().forEach(file -> intent.withArray("files").add(file.toString()));
            revisions.daysToAppend().forEach(day -> intent.withArray("journals").add(day.toString()));
            atomically(layout.inside(state.resolve("intent.json")), JSON.writeValueAsBytes(intent));
            for (Map.Entry<Path, List<ExportRow>> file : byFile.entrySet()) {
                files.write(layout.inside(file.getKey()), file.getValue());
            }
            revisions.append(next);
        }
        ObjectNode checkpoint = JSON.createObjectNode()
                .put("sequence", next)
                .put("offset", lastOffset)
                .put("watermark", watermark.toString());
        if (!forgottenBefore.equals(LocalDate.MIN)) {
            checkpoint.put("forgottenBefore", forgottenBefore.toString());
        }
        if (newest != null) {
            // Before the cells still open, which can be many: the status reads the checkpoint up to here only.
            checkpoint.put(ExportProgress.NEWEST_HOUR_CLOSED, newest.toString());
        }
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
        newestHourClosed = newest;
        Flushed flushed = new Flushed(outgoing.size(), byFile.size(),
                (int) outgoing.stream().filter(o -> o.row().revision() == 1).map(o -> o.row().row().getBucket())
                        .distinct().count(),
                (int) outgoing.stream().filter(o -> o.row().revision() > 1).count());
        outgoing.clear();
        oldestOutgoing = null;
        revisions.committed(sequence, forgottenBefore);
        return flushed;
    }

    private static void atomically(Path target, byte[] content) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(temporary, content);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The first 64 bits of the value's SHA-256: what tells the same value again from a change. */
    private long digest(byte[] raw) {
        return ByteBuffer.wrap(sha256.digest(raw)).getLong();
    }
}
