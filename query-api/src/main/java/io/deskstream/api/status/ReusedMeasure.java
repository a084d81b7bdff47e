package io.deskstream.api.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A measure taken at most once a second and shared by every request: the status's lag figures cost several Admin
 * calls each, and many dashboards poll the status at once. A failure is shared the same way, so that a Kafka that is
 * down is asked once a second, not once a request. Requests that arrive while it is measured wait for that measure.
 * A measure begun before the latest change it must see (events written through this instance) is not reused.
 */
final class ReusedMeasure<T> {

    static final Duration REUSED_FOR = Duration.ofSeconds(1);

    private final Clock clock;
    private final Supplier<T> measure;
    private final Supplier<Instant> latestChange;
    private Instant startedAt;
    private Instant measuredAt;
    private T last;
    private RuntimeException failure;

    /**
     * @param measure      takes the measure, or throws what the requests then answer
     * @param latestChange when the measured thing last changed in a way the next answer must show
     */
    ReusedMeasure(Clock clock, Supplier<T> measure, Supplier<Instant> latestChange) {
        this.clock = clock;
        this.measure = measure;
        this.latestChange = latestChange;
    }

    synchronized T get() {
        if (measuredAt == null || !clock.instant().isBefore(measuredAt.plus(REUSED_FOR))
                || !startedAt.isAfter(latestChange.get())) {
            startedAt = clock.instant();
            try {
                last = measure.get();
                failure = null;
            } catch (RuntimeException e) {
                last = null;
                failure = e;
            }
            measuredAt = clock.instant();
        }
        if (failure != null) {
            throw failure;
        }
        return last;
    }
}
