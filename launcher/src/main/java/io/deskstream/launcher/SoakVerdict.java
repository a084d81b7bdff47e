package io.deskstream.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Whether the soak's figures stop growing once the retention is reached: the mean of the last two lines against the
 * mean of the two lines just after the retention, each figure within ±20% (or a small absolute slack, for the stores
 * that hold a handful of entries), and whether the longest punctuation stayed under a second.
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

    /** One figure compared: the mean just after the retention, the mean at the end. */
    record Change(String label, double reference, double last, boolean flat) {
        String describe() {
            if (reference == 0) {
                return label + (last == 0 ? " 0" : " from 0");
            }
            return String.format("%s %+.0f%%", label, 100 * (last - reference) / reference);
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

    static SoakVerdict of(List<Line> lines, int retentionDays, int everyDays) {
        double punctuation = lines.stream().mapToDouble(Line::punctuationMs).max().orElse(0);
        List<Line> reference = lines.stream()
                .filter(l -> l.day() > retentionDays && l.day() <= retentionDays + 2L * everyDays)
                .toList();
        List<Line> last = lines.subList(Math.max(0, lines.size() - 2), lines.size());
        if (reference.isEmpty() || last.isEmpty()
                || last.get(0).day() <= reference.get(reference.size() - 1).day()) {
            return new SoakVerdict(false, false, List.of(), List.of(), List.of(), punctuation);
        }
        return new SoakVerdict(true, !last.get(0).counted().isEmpty(),
                compare(reference, last, Line::judgedEntries, ENTRIES_SLACK).stream()
                        .filter(c -> !c.label().equals(UNJUDGED_STORE)).toList(),
                compare(reference, last, Line::diskBytes, BYTES_SLACK),
                compare(reference, last, Line::topicBytes, BYTES_SLACK).stream()
                        .filter(c -> !c.label().equals(UNJUDGED_TOPIC)).toList(),
                punctuation);
    }

    private static List<Change> compare(List<Line> reference, List<Line> last,
                                        Function<Line, Map<String, Long>> figures, long slack) {
        List<Change> changes = new ArrayList<>();
        for (String label : figures.apply(last.get(0)).keySet()) {
            double before = mean(reference, figures, label);
            double after = mean(last, figures, label);
            boolean flat = Math.abs(after - before) <= TOLERANCE * before + slack;
            changes.add(new Change(label, before, after, flat));
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
            out.add("verdict: not judged, too short: it needs two lines after day " + retentionDays
                    + " (the retention) and two more at the end; run more --days");
        } else {
            out.add(String.format("verdict: %s after the retention (the last two lines against the two after day "
                    + "%d: within ±%.0f%%, or %d entries, or 1 MiB)", plateau() ? "PLATEAU" : "NO PLATEAU",
                    retentionDays, 100 * TOLERANCE, ENTRIES_SLACK));
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
