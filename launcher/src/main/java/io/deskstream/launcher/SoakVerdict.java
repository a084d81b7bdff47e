package io.deskstream.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Whether the soak's figures stop growing once the retention is reached: of the lines after the retention, the mean of
 * the last third against the mean of the middle third, each figure within ±20% (or a small absolute slack, for the
 * stores that hold a handful of entries), and whether the longest punctuation stayed under a second.
 *
 * <p>Means over a third of the lines, because the sizes on disk go up and down: a compacted topic grows until the log
 * cleaner compacts it, RocksDB until it compacts its files, and expiry forgets a few days at a time. The first third
 * is left out: RocksDB's files take a few simulated months after the retention to reach their steady shape, which is
 * not growth. Something that keeps growing, however slowly, grows from the middle third to the last.
 */
final class SoakVerdict {

    static final double TOLERANCE = 0.20;
    static final long ENTRIES_SLACK = 50;
    static final long BYTES_SLACK = 1024 * 1024;
    static final double PUNCTUATION_LIMIT_MS = 1000;
    /**
     * {@code report-cell-shares} is kept by its retention (the input retention) counted from the wall clock at which
     * each share was sent, so in a soak it only grows; it is shown, not judged.
     */
    static final String UNJUDGED_TOPIC = "shares";
    /**
     * {@code changed-hours} marks the hours changed since the cell shares were last sent, every 2 s: how busy the
     * last two seconds were, not state that accumulates; it is shown, not judged.
     */
    static final String UNJUDGED_STORE = "hours";

    /**
     * One line of the table.
     *
     * @param entries per store: {@code approximateNumEntries}, RocksDB's estimate for the RocksDB stores
     * @param counted per RocksDB store: the entries counted, when the soak counts them (else empty)
     */
    record Line(int day, long eventsSent, Map<String, Long> entries, Map<String, Long> counted,
                Map<String, Long> diskBytes, Map<String, Long> topicBytes, long heapBytes, double punctuationMs) {

        /** The entries judged: counted where they were counted, else the estimates. */
        Map<String, Long> judgedEntries() {
            Map<String, Long> judged = new LinkedHashMap<>(entries);
            judged.putAll(counted);
            return judged;
        }
    }

    /** One figure compared: the mean of the middle third of the lines after the retention, of the last third. */
    record Change(String label, double reference, double last, boolean flat, boolean bytes) {
        String describe() {
            String values = bytes
                    ? String.format("%.1f→%.1f MiB", reference / (1024 * 1024), last / (1024 * 1024))
                    : String.format("%,.0f→%,.0f", reference, last);
            String change = reference == 0 ? "" : String.format(" %+.0f%%", 100 * (last - reference) / reference);
            return label + " " + values + change;
        }
    }

    private final boolean judged;
    private final boolean counted;
    private final List<Change> entries;
    private final List<Change> disk;
    private final List<Change> topics;
    private final double punctuationMs;

    private SoakVerdict(boolean judged, boolean counted, List<Change> entries, List<Change> disk, List<Change> topics,
                        double punctuationMs) {
        this.judged = judged;
        this.counted = counted;
        this.entries = entries;
        this.disk = disk;
        this.topics = topics;
        this.punctuationMs = punctuationMs;
    }

    static SoakVerdict of(List<Line> lines, int retentionDays) {
        double punctuation = lines.stream().mapToDouble(Line::punctuationMs).max().orElse(0);
        List<Line> after = lines.stream().filter(l -> l.day() > retentionDays).toList();
        int window = after.size() / 3;
        if (window == 0) {
            return new SoakVerdict(false, false, List.of(), List.of(), List.of(), punctuation);
        }
        List<Line> reference = after.subList(after.size() - 2 * window, after.size() - window);
        List<Line> last = after.subList(after.size() - window, after.size());
        return new SoakVerdict(true, !last.get(0).counted().isEmpty(),
                compare(reference, last, Line::judgedEntries, ENTRIES_SLACK, false).stream()
                        .filter(c -> !c.label().equals(UNJUDGED_STORE)).toList(),
                compare(reference, last, Line::diskBytes, BYTES_SLACK, true),
                compare(reference, last, Line::topicBytes, BYTES_SLACK, true).stream()
                        .filter(c -> !c.label().equals(UNJUDGED_TOPIC)).toList(),
                punctuation);
    }

    private static List<Change> compare(List<Line> reference, List<Line> last,
                                        Function<Line, Map<String, Long>> figures, long slack, boolean bytes) {
        List<Change> changes = new ArrayList<>();
        for (String label : figures.apply(last.get(0)).keySet()) {
            double before = mean(reference, figures, label);
            double after = mean(last, figures, label);
            boolean flat = Math.abs(after - before) <= TOLERANCE * before + slack;
            changes.add(new Change(label, before, after, flat, bytes));
        }
        return changes;
    }

    private static double mean(List<Line> lines, Function<Line, Map<String, Long>> figures, String label) {
        return lines.stream().mapToLong(l -> figures.apply(l).getOrDefault(label, 0L)).average().orElse(0);
    }

    /** Enough lines after the retention to compare. */
    boolean judged() {
        return judged;
    }

    boolean entriesFlat() {
        return entries.stream().allMatch(Change::flat);
    }

    boolean diskFlat() {
        return disk.stream().allMatch(Change::flat);
    }

    boolean topicsFlat() {
        return topics.stream().allMatch(Change::flat);
    }

    boolean plateau() {
        return judged && entriesFlat() && diskFlat() && topicsFlat();
    }

    boolean punctuationUnderLimit() {
        return punctuationMs < PUNCTUATION_LIMIT_MS;
    }

    double punctuationMs() {
        return punctuationMs;
    }

    List<Change> entries() {
        return entries;
    }

    List<Change> disk() {
        return disk;
    }

    List<Change> topics() {
        return topics;
    }

    /** The verdict lines the soak ends with. */
    List<String> describe(int retentionDays) {
        List<String> out = new ArrayList<>();
        if (!judged) {
            out.add("verdict: not judged, too short: it needs three lines after day " + retentionDays
                    + " (the retention); run more --days");
        } else {
            out.add(String.format("verdict: %s after the retention (of the lines after day %d, the mean of the last "
                    + "third against the middle third: within ±%.0f%%, or %d entries, or 1 MiB)",
                    plateau() ? "PLATEAU" : "NO PLATEAU", retentionDays, 100 * TOLERANCE, ENTRIES_SLACK));
            out.add(group("  entries      ", entriesFlat(), entries) + "  (" + (counted ? "RocksDB stores counted"
                    : "RocksDB estimates, which may be off by half or double; --count-entries counts them")
                    + "; hours not judged: marks of the last 2 s)");
            out.add(group("  RocksDB disk ", diskFlat(), disk));
            out.add(group("  topics       ", topicsFlat(), topics) + "  (shares not judged: kept by wall-clock time)");
        }
        out.add(String.format("  punctuation   longest %.0f ms (thread-level punctuate-latency-max): %s", punctuationMs,
                punctuationUnderLimit() ? "under 1 s" : "NOT under 1 s"));
        return out;
    }

    private static String group(String title, boolean flat, List<Change> changes) {
        StringBuilder line = new StringBuilder(title).append(flat ? "flat:     " : "NOT FLAT: ");
        for (Change change : changes) {
            line.append(change.flat() ? "" : "*").append(change.describe()).append("  ");
        }
        return line.toString().stripTrailing();
    }
}
