package io.deskstream.launcher;

import java.util.Arrays;
import java.util.Collection;

/** Measured latencies of a benchmark, sorted once, read as percentiles. */
record Latencies(long[] sortedNanos) {

    static Latencies of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(sorted);
    }

    static Latencies of(Collection<Long> nanos) {
        return of(nanos.stream().mapToLong(Long::longValue).toArray());
    }

    int count() {
        return sortedNanos.length;
    }

    /** The latency below which a share {@code q} of the samples lie (nearest rank); NaN without samples. */
    double percentileMillis(double q) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.floor(q * (sortedNanos.length - 1)))] / 1e6;
    }
}
