package io.deskstream.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code deskstream} command: help-desk department analytics on Kafka Streams. */
@Command(name = "deskstream",
        mixinStandardHelpOptions = true,
        versionProvider = DeskstreamVersion.class,
        description = {
            "Live department reports for help desks, computed from ticket, chat, call and rating events.",
            "",
            "Every option can also be set by the environment variable named in its help."
        },
        subcommands = {DemoCommand.class, RunCommand.class, IngestCommand.class, BenchCommand.class, FreshnessCommand.class,
            ReportLoadCommand.class,
            SoakCommand.class, CommandLine.HelpCommand.class})
public final class Deskstream implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        // 100 columns: at picocli's default 80 the option column leaves too little room, and paths such as ./data
        // were broken across lines.
        return new CommandLine(new Deskstream())
                .setUsageHelpWidth(100)
                .setExecutionExceptionHandler(new UserFacingErrors());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
