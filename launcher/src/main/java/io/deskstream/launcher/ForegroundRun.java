package io.deskstream.launcher;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a deskstream process, prints where everything is, and keeps it running until Ctrl-C (or SIGTERM), then
 * stops every part cleanly so that a restart on the same data directory finds all data.
 */
final class ForegroundRun {

    /**
     * What a command adds to a started process, e.g. the simulator: set up before the banner, and what it returns run
     * after it, so that long work (the demo's history) goes on in the background below the banner.
     */
    interface Extras {
        Runnable start(DeskstreamProcess process) throws Exception;
    }

    private ForegroundRun() {
    }

    static void untilStopped(RuntimeSettings settings, Extras extras) throws Exception {
        PrintStream out = System.out;
        out.println("Starting deskstream with data in " + settings.dataDir() + " ...");
        DeskstreamProcess process = DeskstreamProcess.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            out.println("Stopping deskstream ...");
            process.close();
            out.println("Stopped; data kept in " + settings.dataDir());
            stopped.countDown();
        }, "deskstream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Runnable afterBanner;
        try {
            afterBanner = extras.start(process);
        } catch (Exception e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            process.close();
            throw e;
        }
        StartupBanner.print(out, process);
        afterBanner.run();
        stopped.await();
    }
}
