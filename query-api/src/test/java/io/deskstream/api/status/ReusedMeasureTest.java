package io.deskstream.api.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The status's lag figures: measured at most once a second, for every request together. */
class ReusedMeasureTest {

    /** A clock the test moves. */
    private static final class SetClock extends Clock {
        Instant now = Instant.parse("2026-11-02T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final SetClock clock = new SetClock();
    private final AtomicInteger measures = new AtomicInteger();
    private Instant latestWrite = Instant.EPOCH;

    @Test
    void requestsWithinASecondShareOneMeasure() {
        ReusedMeasure<Integer> lag = new ReusedMeasure<>(clock, measures::incrementAndGet, () -> latestWrite);

        assertThat(lag.get()).isEqualTo(1);
        clock.now = clock.now.plusMillis(400);
        assertThat(lag.get()).isEqualTo(1);
        clock.now = clock.now.plusMillis(599);
        assertThat(lag.get()).isEqualTo(1);
        assertThat(measures).hasValue(1);
    }

    @Test
    void aSecondAfterTheMeasureTheNextRequestMeasuresAgain() {
        ReusedMeasure<Integer> lag = new ReusedMeasure<>(clock, measures::incrementAndGet, () -> latestWrite);
        lag.get();

        clock.now = clock.now.plus(Duration.ofSeconds(1));

        assertThat(lag.get()).isEqualTo(2);
        assertThat(measures).hasValue(2);
    }

    @Test
    void aFailedMeasureIsSharedForASecondThenTriedAgain() {
        ReusedMeasure<Integer> lag = new ReusedMeasure<>(clock, () -> {
            if (measures.incrementAndGet() == 1) {
                throw new IllegalStateException("Kafka is down");
            }
            return 7;
        }, () -> latestWrite);

        assertThatThrownBy(lag::get).hasMessage("Kafka is down");
        clock.now = clock.now.plusMillis(500);
        assertThatThrownBy(lag::get).hasMessage("Kafka is down");
        assertThat(measures).hasValue(1);

        clock.now = clock.now.plusMillis(500);
        assertThat(lag.get()).isEqualTo(7);
    }

    @Test
    void eventsWrittenAfterTheMeasureBeganMakeTheNextRequestMeasureAgain() {
        ReusedMeasure<Integer> lag = new ReusedMeasure<>(clock, measures::incrementAndGet, () -> latestWrite);
        lag.get();

        clock.now = clock.now.plusMillis(200);
        latestWrite = clock.now;
        clock.now = clock.now.plusMillis(100);

        assertThat(lag.get()).isEqualTo(2);
        clock.now = clock.now.plusMillis(100);
        assertThat(lag.get()).as("measured after the write: reused").isEqualTo(2);
    }
}
