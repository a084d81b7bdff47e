package io.deskstream.launcher;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code deskstream run}: deskstream without the simulator, on the embedded broker or an existing cluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Runs deskstream, on the embedded broker or an existing cluster.",
            "",
            "Starts the Kafka broker (embedded unless --bootstrap-servers is given), the schema registry "
                    + "(embedded unless --schema-registry-url is given), the topics and the HTTP port. Ctrl-C stops "
                    + "it."
        })
final class RunCommand implements Callable<Integer> {

    @Mixin
    RuntimeOptions options;

    @Override
    public Integer call() throws Exception {
        Logging.configure(options.verbose, Logging.Format.parse(options.logFormat));
        ForegroundRun.untilStopped(RuntimeSettings.from(options), process -> () -> { });
        return 0;
    }
}
