package io.deskstream.ingest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an ingest did: how many events it sent, and every refused line with its reason.
 *
 * @param sent     valid events acknowledged by Kafka
 * @param refused  refused lines in file order
 */
public record IngestSummary(long sent, List<RefusedLine> refused) {

    /** A line that was not an acceptable event; it went to the dead-letter topic. */
    public record RefusedLine(long lineNumber, String reason, String error) {
    }

    public IngestSummary {
        refused = List.copyOf(refused);
    }

    /** Refused lines counted by reason, reasons in alphabetical order. */
    public Map<String, Long> refusedByReason() {
        Map<String, Long> counts = new TreeMap<>();
        refused.forEach(line -> counts.merge(line.reason(), 1L, Long::sum));
        return counts;
    }
}
