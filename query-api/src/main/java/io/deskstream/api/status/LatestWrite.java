package io.deskstream.api.status;

import java.time.Clock;
import java.time.Instant;

/**
 * When Kafka last acknowledged events sent through this instance's API. The status reuses its lag figures for a
 * second, but never figures measured before this: a script that posts events and then waits for {@code caughtUp}
 * on the same instance never sees a lag from before its own events.
 */
public final class LatestWrite {

    private final Clock clock;
    private volatile Instant at = Instant.EPOCH;

    public LatestWrite(Clock clock) {
        this.clock = clock;
    }

    /** Events were just acknowledged. */
    public void mark() {
        at = clock.instant();
    }

    Instant at() {
        return at;
    }
}
