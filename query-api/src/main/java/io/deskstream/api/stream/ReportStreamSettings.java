package io.deskstream.api.stream;

import java.time.Duration;

/**
 * How the report streams run.
 *
 * @param maxStreams the most streams this instance keeps open at once; one more answers 503 with Retry-After
 * @param heartbeat  how often an open stream gets a comment line, so that proxies and clients see it is alive
 * @param evaluation how often each question streamed is answered again, to find whether its answer changed
 */
public record ReportStreamSettings(int maxStreams, Duration heartbeat, Duration evaluation) {

    public static final int DEFAULT_MAX_STREAMS = 1000;
    public static final ReportStreamSettings DEFAULTS =
            new ReportStreamSettings(DEFAULT_MAX_STREAMS, Duration.ofSeconds(15), Duration.ofSeconds(1));

    public ReportStreamSettings {
        if (maxStreams < 1) {
            throw new IllegalArgumentException("--max-report-streams must be at least 1, got " + maxStreams);
        }
        if (heartbeat.isNegative() || heartbeat.isZero() || evaluation.isNegative() || evaluation.isZero()) {
            throw new IllegalArgumentException("the heartbeat and evaluation intervals must be positive");
        }
    }

    public ReportStreamSettings withMaxStreams(int max) {
        return new ReportStreamSettings(max, heartbeat, evaluation);
    }
}
