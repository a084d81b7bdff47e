package io.deskstream.launcher;

import java.io.PrintWriter;

/**
 * Follows the topology through a known number of input events until none is left to process: a progress line every
 * few seconds and the time it caught up.
 */
final class ProcessingRun {

    /** The events not processed yet (committed consumer lag), as the broker tells it. */
    interface Lag {
        long now() throws Exception;
    }

    private static final long POLL_NANOS = 100_000_000L;
    private static final long REPORT_NANOS = 5_000_000_000L;

    private final long caughtUp;

    private ProcessingRun(long caughtUp) {
        this.caughtUp = caughtUp;
    }

    static ProcessingRun follow(PrintWriter out, long events, long start, Lag lag) throws Exception {
        long lastReport = start;
        long doneAtLastReport = 0;
        while (true) {
            long left = lag.now();
            long now = System.nanoTime();
            long done = events - left;
            if (left <= 0) {
                return new ProcessingRun(now);
            }
            if (now - lastReport >= REPORT_NANOS) {
                out.printf("  %,12d of %,d processed (%3.0f%%), %,9.0f events/s over the last %.0f s%n", done, events,
                        100.0 * done / events, (done - doneAtLastReport) / ((now - lastReport) / 1e9),
                        (now - lastReport) / 1e9);
                out.flush();
                lastReport = now;
                doneAtLastReport = done;
            }
            Thread.sleep(POLL_NANOS / 1_000_000);
        }
    }

    long caughtUp() {
        return caughtUp;
    }
}
