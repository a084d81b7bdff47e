package io.deskstream.connectors;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The revision each hour cell of one partition's export was last written with, and a digest of its value: what tells
 * a correction (the next revision) from the same value again (nothing to write). It covers only the days that can
 * still change, and holds a few of them in memory:
 *
 * <ul>
 *   <li>one journal file per UTC day of the cells' hours, {@code revisions/<yyyy-mm-dd>.jsonl}, one line per revision
 *   given: {@code {"s": the flush's sequence, "k": the cell, "r": the revision, "h": the digest}};</li>
 *   <li>a day is read when one of its cells is decided; at most {@code daysInMemory} days stay in memory, the least
 *   recently used given up first, and only days whose memory is all in their file and committed (nothing decided since
 *   the last checkpoint), so that reading the file again gives it back;</li>
 *   <li>right after a checkpoint, a day file holding many more lines than cells is rewritten with one line per cell,
 *   and the days before the retention are forgotten, in memory and on disk.</li>
 * </ul>
 *
 * Lines with a sequence after the checkpoint's (a flush that did not finish) are not read, nor is a torn last line; a
 * file holding such lines is rewritten without them when read. The days an unfinished flush appended to are named by
 * its intent and read at recovery, so that none of its lines is left for the next flush, which reuses its sequence,
 * to make look committed.
 */
final class RevisionJournal {

    /** The revision a cell was last written with, and the first 64 bits of the SHA-256 of its value. */
    record Revision(long revision, long digest) {
    }

    /** A revision given, not yet in its day's file. */
    private record Given(String key, Revision revision) {
    }

    /** A line of a day's file. */
    private record Line(long sequence, String key, Revision revision) {
    }

    private static final class Day {
        final Map<String, Revision> cells = new HashMap<>();
        /** Revisions given since the last append, in order. */
        final List<Given> unappended = new ArrayList<>();
        /** Lines in the file. */
        long lines;
        /** Whether anything was decided since the last checkpoint: then the file alone does not give this day back. */
        boolean dirty;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = ".jsonl";
    /** A day file is rewritten once it holds more than twice as many lines as cells, plus this many. */
    static final int COMPACTION_SLACK = 100;

    private final ExportLayout layout;
    private final Path directory;
    private final int daysInMemory;
    private final LinkedHashMap<LocalDate, Day> days = new LinkedHashMap<>(16, 0.75f, true);
    private long sequence;
    private LocalDate forgottenBefore = LocalDate.MIN;

    RevisionJournal(ExportLayout layout, Path directory, int daysInMemory) {
        this.layout = layout;
        this.directory = layout.inside(directory);
        this.daysInMemory = daysInMemory;
    }

    /**
     * Starts from a checkpoint: forgets the days before {@code before} (a deletion a crash interrupted) and cleans the
     * files an unfinished flush appended to.
     *
     * @param sequence   the checkpoint's: lines after it are not committed
     * @param unfinished the days an unfinished flush (an intent after the checkpoint) appended to
     */
    void recover(long sequence, LocalDate before, Collection<LocalDate> unfinished) throws IOException {
        this.sequence = sequence;
        Files.createDirectories(directory);
        forget(before);
        for (LocalDate day : unfinished) {
            if (!day.isBefore(forgottenBefore)) {
                day(day);
            }
        }
    }

    /** The revision {@code key} of {@code day} was last written with, or null; reads the day if it is not in memory. */
    Revision get(LocalDate day, String key) throws IOException {
        return day(day).cells.get(key);
    }

    /** Records a revision decided, to be appended by the next flush. */
    void put(LocalDate date, String key, Revision revision) throws IOException {
        Day day = day(date);
        day.cells.put(key, revision);
        day.unappended.add(new Given(key, revision));
        day.dirty = true;
    }

    /** The days whose revisions the next {@link #append} writes, for the flush's intent. */
    List<LocalDate> daysToAppend() {
        return days.entrySet().stream().filter(day -> !day.getValue().unappended.isEmpty()).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /** Appends the revisions given since the last append to their day files, forced to disk, as flush {@code next}. */
    void append(long next) throws IOException {
        for (Map.Entry<LocalDate, Day> entry : days.entrySet()) {
            Day day = entry.getValue();
            if (day.unappended.isEmpty()) {
                continue;
            }
            Path file = file(entry.getKey());
            boolean created = !Files.exists(file);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                for (Given given : day.unappended) {
                    out.write(text(next, given.key(), given.revision()));
                    out.write('\n');
                }
            }
            force(file);
            if (created) {
                forceDirectory();
            }
            day.lines += day.unappended.size();
            day.unappended.clear();
        }
    }

    /**
     * Right after checkpoint {@code sequence}, when everything in memory is also in the files: forgets the days before
     * {@code before}, rewrites the day files mostly made of superseded revisions, and gives up the least recently used
     * days beyond the limit.
     */
    void committed(long sequence, LocalDate before) throws IOException {
        this.sequence = sequence;
        if (before.isAfter(forgottenBefore)) {
            forget(before);
        }
        for (Map.Entry<LocalDate, Day> entry : days.entrySet()) {
            Day day = entry.getValue();
            day.dirty = false;
            if (day.lines > 2L * day.cells.size() + COMPACTION_SLACK) {
                rewrite(entry.getKey(), day);
            }
        }
        evict(daysInMemory);
    }

    /** How many cells' revisions are held in memory. */
    int cellsInMemory() {
        int cells = 0;
        for (Day day : days.values()) {
            cells += day.cells.size();
        }
        return cells;
    }

    /** The days held in memory. */
    List<LocalDate> daysInMemory() {
        return days.keySet().stream().sorted().toList();
    }

    private Day day(LocalDate date) throws IOException {
        Day day = days.get(date);
        if (day == null) {
            day = load(date);
            evict(daysInMemory - 1);
            days.put(date, day);
        }
        return day;
    }

    /** Gives up the least recently used days whose memory is all committed in their file, down to {@code limit}. */
    private void evict(int limit) {
        for (Iterator<Day> it = days.values().iterator(); days.size() > limit && it.hasNext(); ) {
            if (!it.next().dirty) {
                it.remove();
            }
        }
    }

    private Day load(LocalDate date) throws IOException {
        Day day = new Day();
        Path file = file(date);
        if (!Files.exists(file)) {
            return day;
        }
        boolean dropped = false;
        // Malformed UTF-8 (a line torn inside a character) is replaced rather than thrown: that line is dropped below.
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                Line line = parse(text);
                if (line == null || line.sequence() > sequence) {
                    dropped = true;
                    continue;
                }
                day.cells.put(line.key(), line.revision());
                day.lines++;
            }
        }
        if (dropped) {
            rewrite(date, day);
        }
        return day;
    }

    /** Replaces a day's file, atomically, with one line per cell: only committed revisions are in memory here. */
    private void rewrite(LocalDate date, Day day) throws IOException {
        Path file = file(date);
        if (day.cells.isEmpty()) {
            Files.deleteIfExists(file);
            day.lines = 0;
            return;
        }
        Path temporary = layout.inside(file.resolveSibling(file.getFileName() + ".tmp"));
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Revision> cell : day.cells.entrySet()) {
                out.write(text(sequence, cell.getKey(), cell.getValue()));
                out.write('\n');
            }
        }
        force(temporary);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
        day.lines = day.cells.size();
    }

    /** Forgets the days before {@code before}: memory and files (and a rewrite a crash left unfinished). */
    private void forget(LocalDate before) throws IOException {
        days.keySet().removeIf(day -> day.isBefore(before));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                LocalDate day = dayOf(name);
                if (day != null ? day.isBefore(before) : name.endsWith(SUFFIX + ".tmp")) {
                    Files.delete(layout.inside(file));
                }
            }
        }
        forgottenBefore = before;
    }

    private Path file(LocalDate day) {
        return layout.inside(directory.resolve(day + SUFFIX));
    }

    private static LocalDate dayOf(String name) {
        if (!name.endsWith(SUFFIX)) {
            return null;
        }
        try {
            return LocalDate.parse(name.substring(0, name.length() - SUFFIX.length()));
        } catch (DateTimeParseException notADay) {
            return null;
        }
    }

    private static String text(long sequence, String key, Revision revision) {
        return "{\"s\":" + sequence + ",\"k\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(key))
                + "\",\"r\":" + revision.revision() + ",\"h\":\"" + HexFormat.of().toHexDigits(revision.digest())
                + "\"}";
    }

    /** A journal line, or null for one that is not whole (torn by a crash). */
    private static Line parse(String text) {
        try {
            JsonNode line = JSON.readTree(text);
            if (line == null || !line.isObject()) {
                return null;
            }
            JsonNode s = line.get("s");
            JsonNode k = line.get("k");
            JsonNode r = line.get("r");
            JsonNode h = line.get("h");
            if (s == null || !s.isIntegralNumber() || k == null || !k.isTextual() || r == null || !r.isIntegralNumber()
                    || h == null || !h.isTextual() || h.asText().length() != 16) {
                return null;
            }
            return new Line(s.asLong(), k.asText(),
                    new Revision(r.asLong(), HexFormat.fromHexDigitsToLong(h.asText())));
        } catch (IOException | IllegalArgumentException notWhole) {
            return null;
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException notSupported) {
            // some file systems cannot sync a directory
        }
    }
}
