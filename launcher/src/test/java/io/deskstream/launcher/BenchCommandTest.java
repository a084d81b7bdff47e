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
                .containsPattern("warm-up +[0-9.]+ s")
                .containsPattern("raw consumer +[0-9,]+ events/s")
                .containsPattern("topology start-up +[0-9.]+ s")
                .containsPattern("peak heap +[0-9,]+ MiB");
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
}
