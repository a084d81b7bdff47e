package io.deskstream.launcher;

import java.time.Duration;

/**
 * How long the other instances wait for one that went silent (killed, frozen, cut off) before they take over its
 * partitions: the consumer group's session timeout, with a heartbeat every third of it, as Kafka advises. Kafka's
 * own default of 45 s made a take-over after a {@code kill -9} last about as long; 10 s is deskstream's default.
 * Shorter is a faster take-over, but a garbage-collection pause or a network stall longer than it makes the group
 * drop a healthy instance and move its partitions for nothing.
 */
record SessionTimeout(Duration duration) {

    static final String OPTION = "--session-timeout";
    /** Kafka brokers refuse shorter sessions unless told otherwise ({@code group.min.session.timeout.ms}). */
    static final Duration SHORTEST = Duration.ofSeconds(6);
    /** Kafka brokers refuse longer sessions unless told otherwise ({@code group.max.session.timeout.ms}). */
    static final Duration LONGEST = Duration.ofMinutes(30);
    static final SessionTimeout DEFAULT = new SessionTimeout(Duration.ofSeconds(10));

    SessionTimeout {
        if (duration == null || duration.compareTo(SHORTEST) < 0 || duration.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(OPTION + " must be between 6s and 30m (what Kafka brokers accept by "
                    + "default: group.min.session.timeout.ms and group.max.session.timeout.ms), got "
                    + (duration == null ? "none" : describe(duration)));
        }
    }

    /** How often the instance tells the group it is alive: a third of the timeout, so two beats may be lost. */
    Duration heartbeat() {
        return duration.dividedBy(3);
    }

    /** As the option is written: 90s, 15m, 2h (or milliseconds for a fraction of a second). */
    private static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds != 0 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
