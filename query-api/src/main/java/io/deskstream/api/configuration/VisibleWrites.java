package io.deskstream.api.configuration;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import io.deskstream.api.ApiError;

/**
 * Configuration is written to its compacted topic and read back by every instance's global store. A write answers
 * only once this instance's store shows it, so that a GET that follows on the same instance sees the change.
 */
public final class VisibleWrites {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 10;

    private VisibleWrites() {
    }

    /** Waits until {@code current} gives {@code expected} (null: gone). */
    public static void await(Supplier<Object> current, Object expected, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Objects.equals(current.get(), expected)) {
            if (System.nanoTime() > deadline) {
                throw ApiError.unavailable(what + " was written to Kafka but this instance has not read it back within "
                        + TIMEOUT.toSeconds() + " s; it will show shortly");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ApiError.unavailable("interrupted while waiting for " + what + " to show");
            }
        }
    }
}
