package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The benchmark command end to end on a small load: it runs, waits for the report to catch up and prints its figures. */
class BenchCommandTest {

    @Test
    void shouldProcessEveryEventAndPrintTheFiguresOfTheRun() {
        StringWriter out = new StringWriter();
        CommandLine cli = Deskstream.commandLine();
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("bench", "--events", "3000", "--warmup", "1000", "--partitions", "2");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("Writing 3,000 simulated events to the input topics (2 partitions)")
                .containsPattern("end to end +[0-9,]+ events/s +\\(3,000 events in")
                .containsPattern("cpu per event +[0-9.]+ microseconds")
                .containsPattern("by part +[0-9.]+ stream threads · [0-9.]+ broker · [0-9.]+ clients' I/O")
                .containsPattern("paused, compiling +[0-9.]+ s collecting garbage")
                .containsPattern("warm-up +[0-9.]+ s")
                .containsPattern("raw consumer +[0-9,]+ events/s")
                .containsPattern("topology start-up +[0-9.]+ s")
                .containsPattern("peak heap +[0-9,]+ MiB")
                .containsPattern("heap processing +[0-9,]+ MiB");
    }

    @Test
    void shouldLeaveNoDataBehind() {
        StringWriter out = new StringWriter();
        CommandLine cli = Deskstream.commandLine();
        cli.setOut(new PrintWriter(out));

        cli.execute("bench", "--events", "200", "--warmup", "0", "--partitions", "1");

        Matcher dataDir = Pattern.compile("the topology in (\\S+) \\.\\.\\.").matcher(out.toString());
        assertThat(dataDir.find()).as("the data directory is named in %s", out).isTrue();
        assertThat(Path.of(dataDir.group(1))).doesNotExist();
    }

    @Test
    void shouldRefuseARunWithoutEvents() {
        StringWriter err = new StringWriter();
        CommandLine cli = Deskstream.commandLine();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("bench", "--events", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--events and --partitions must be at least 1");
    }

    @Test
    void shouldPrintTheDesksSizeAndTheConversationsOpenInTheTimedRun() {
        StringWriter out = new StringWriter();
        CommandLine cli = Deskstream.commandLine();
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("bench", "--events", "2000", "--warmup", "500", "--partitions", "1",
                "--departments", "7", "--agents", "20", "--open-conversations", "200");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("Finding the pace at which 200 conversations are open at once")
                .contains("Simulated help desk: 7 departments, 20 agents;")
                .containsPattern("desk size +7 departments, 20 agents")
                .containsPattern("open conversations +[0-9,]+ on average, [0-9,]+ at most .*200 asked for");
    }

    @Test
    void shouldRefuseADeskWithoutDepartments() {
        assertRefused("deskstream bench --departments 0",
                "--departments and --agents: departments must be from 1 to 10,000, got 0");
    }

    @Test
    void shouldRefuseMoreDepartmentsThanAgents() {
        assertRefused("deskstream bench --departments 20 --agents 12",
                "--departments and --agents: every department needs an agent: agents (12) must be at least departments (20)");
    }

    @Test
    void shouldRefuseADeskWithoutAgents() {
        assertRefused("deskstream bench --agents 0",
                "--departments and --agents: agents must be from 1 to 100,000, got 0");
    }

    @Test
    void shouldRefuseNoOpenConversations() {
        assertRefused("deskstream bench --open-conversations 0", "--open-conversations must be from 1 to 10,000,000, got 0");
    }

    @Test
    void shouldRefuseMoreOpenConversationsThanTheEventsCanOpen() {
        assertRefused("deskstream bench --events 1000 --warmup 0 --open-conversations 5000",
                "--open-conversations 5,000 cannot be reached with 1,000 events in all");
    }

    /** A refused bench says why on one line, exits with 2 and starts nothing: no data directory is named. */
    private static void assertRefused(String command, String error) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Deskstream.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute(command.substring("deskstream ".length()).split(" "));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(error);
        assertThat(out.toString()).doesNotContain("Starting a fresh Kafka broker");
    }
}
