package io.deskstream.launcher;

import java.time.Duration;

/**
 * How the processing trades freshness for work.
 *
 * @param commitInterval how often the processing commits its transaction and writes its live state back where the
 *                       HTTP API reads it: an event's effect is visible within about this long, and each commit costs
 *                       a transaction and the write-back of everything changed since the last one
 */
record ProcessingSettings(Duration commitInterval) {

    static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(200);
    static final Duration LONGEST_COMMIT_INTERVAL = Duration.ofMinutes(1);
    static final ProcessingSettings DEFAULT = new ProcessingSettings(DEFAULT_COMMIT_INTERVAL);

    ProcessingSettings {
        if (commitInterval.toMillis() < 10 || commitInterval.compareTo(LONGEST_COMMIT_INTERVAL) > 0) {
            throw new IllegalArgumentException("--commit-interval must be from 10ms to 1m, got "
                    + commitInterval.toMillis() + " ms");
        }
    }

    ProcessingSettings withCommitInterval(Duration interval) {
        return new ProcessingSettings(interval);
    }
}
