package io.deskstream.launcher;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deskstream demo}: everything on this machine, fed by a simulated bike-shop help desk. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Runs everything on this machine, fed by a simulated bike-shop help desk.",
            "",
            "Starts a real Kafka broker (KRaft) in the process, the schema registry, the topics and the HTTP "
                    + "port, then configures the departments and routing rules of the shop and feeds it tickets, "
                    + "chats, calls and ratings. At the first start it writes --history-days of history in the "
                    + "background, so that the dashboard fills in at once. Ctrl-C stops it; data is kept."
        })
final class DemoCommand implements Callable<Integer> {

    @Mixin
    RuntimeOptions options;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_SECOND",
            defaultValue = "${env:DESKSTREAM_RATE:-5}",
            description = "Average events per second over a day; busier in office hours, quiet at night "
                    + "(env DESKSTREAM_RATE, default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--history-days", paramLabel = "N",
            defaultValue = "${env:DESKSTREAM_HISTORY_DAYS:-2}",
            description = "Days of history to write at the first start, in the background after the banner; at the "
                    + "default rate a day is about 430,000 events (env DESKSTREAM_HISTORY_DAYS, "
                    + "default: ${DEFAULT-VALUE}).")
    int historyDays;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the simulation, for a repeatable help desk (default: random).")
    Long seed;

    @Override
    public Integer call() throws Exception {
        Logging.configure(options.verbose, Logging.Format.parse(options.logFormat));
        if (!(rate > 0) || rate > 100_000) {
            throw new IllegalArgumentException("--rate must be above 0 and at most 100000 events per second, got " + rate);
        }
        if (historyDays < 0 || historyDays > 366) {
            throw new IllegalArgumentException("--history-days must be between 0 and 366, got " + historyDays);
        }
        RuntimeSettings settings = RuntimeSettings.from(options);
        ForegroundRun.untilStopped(settings, process ->
                process.keep(SimulatorFeed.prepare(process, new SimulatorSettings(rate, historyDays, seed)))::start);
        return 0;
    }
}
