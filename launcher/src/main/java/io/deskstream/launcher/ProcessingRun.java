package io.deskstream.launcher;

import java.io.PrintStream;

/**
 * Follows the topology through a known number of input events until none is left to process: a progress line every
 * few seconds, the time it caught up, and the rate over the second half of the events (after the start-up and the
 * JIT compiler's warm-up, which on two cores takes a good part of the first minute).
 */
final class ProcessingRun {

    /** The events not processed yet (committed consumer lag), as the broker tells it. */
    interface Lag {
        long now() throws Exception;
    }

    private static final long POLL_NANOS = 100_000_000L;
    private static final long REPORT_NANOS = 5_000_000_000L;

    private final long caughtUp;
    private final double secondHalfRate;

    private ProcessingRun(long caughtUp, double secondHalfRate) {
        this.caughtUp = caughtUp;
        this.secondHalfRate = secondHalfRate;
    }

    static ProcessingRun follow(PrintStream out, long events, long start, Lag lag) throws Exception {
        long lastReport = start;
        long doneAtLastReport = 0;
        long halfTime = -1;
        long halfDone = 0;
        while (true) {
            long left = lag.now();
            long now = System.nanoTime();
            long done = events - left;
            if (halfTime < 0 && done >= events / 2) {
                halfTime = now;
                halfDone = done;
            }
            if (left <= 0) {
                // When the second half went by between two polls, the whole run is the best measure there is.
                double secondHalf = now > halfTime ? (events - halfDone) / ((now - halfTime) / 1e9)
                        : events / ((now - start) / 1e9);
                return new ProcessingRun(now, secondHalf);
            }
            if (now - lastReport >= REPORT_NANOS) {
                out.printf("  %,12d of %,d processed (%3.0f%%), %,9.0f events/s over the last %.0f s%n", done, events,
                        100.0 * done / events, (done - doneAtLastReport) / ((now - lastReport) / 1e9),
                        (now - lastReport) / 1e9);
                lastReport = now;
                doneAtLastReport = done;
            }
            Thread.sleep(POLL_NANOS / 1_000_000);
        }
    }

    long caughtUp() {
        return caughtUp;
    }

    double secondHalfRate() {
        return secondHalfRate;
    }
}
