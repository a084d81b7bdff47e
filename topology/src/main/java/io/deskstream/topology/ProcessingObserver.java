package io.deskstream.topology;

import java.time.Duration;

/**
 * What the processing reports as it goes, for operators' metrics. The topology knows no metrics library: whoever runs
 * it passes an observer in its settings (the launcher's counts into Micrometer); the default observes nothing.
 * Called on stream threads: implementations must be thread-safe and quick.
 */
public interface ProcessingObserver {

    ProcessingObserver NONE = new ProcessingObserver() {
    };

    /** An input record was read from {@code topic} by the conversation processor. */
    default void eventRead(String topic) {
    }

    /** A routing decision ({@code created} or {@code transferred}) was published for {@code department}. */
    default void routed(String department, String decision) {
    }

    /** A record reached the dead-letter topic with {@code reason}, whoever refused it. */
    default void deadLetter(String reason) {
    }

    /** The effects of an event became queryable, this long after its {@code ts}. */
    default void visible(Duration sinceEventTs) {
    }

    /**
     * Changed report cells or ticket-status counters were written back where queries read them: answers computed
     * before may be out of date.
     */
    default void reportDataWritten() {
    }
}
