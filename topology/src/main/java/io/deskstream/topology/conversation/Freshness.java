package io.deskstream.topology.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import io.deskstream.topology.ProcessingObserver;

/**
 * How long after its {@code ts} each event's effects become queryable: the stores are written back, and read by the
 * API, at the commit after the event was processed, so each event processed since the last commit is measured then.
 */
final class Freshness {

    /** Samples kept per commit: plenty for a histogram, bounded whatever the rate. */
    private static final int MAX_SAMPLES = 100_000;

    private final ProcessingObserver observer;
    private long[] eventTimes = new long[1024];
    private int size;

    Freshness(ProcessingObserver observer) {
        this.observer = observer;
    }

    void processed(Instant ts) {
        if (size == MAX_SAMPLES) {
            return;
        }
        if (size == eventTimes.length) {
            eventTimes = Arrays.copyOf(eventTimes, Math.min(MAX_SAMPLES, size * 2));
        }
        eventTimes[size++] = ts.toEpochMilli();
    }

    /** The stores were written back at {@code nowMillis}: every event processed since the last commit is visible. */
    void committed(long nowMillis) {
        for (int i = 0; i < size; i++) {
            observer.visible(Duration.ofMillis(Math.max(0, nowMillis - eventTimes[i])));
        }
        size = 0;
    }
}
