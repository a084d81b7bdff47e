package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The soak end to end on a tiny load: twenty simulated days in 30 seconds, retention 3 days. It prints a line every 3
 * days and a verdict, leaves nothing behind, and the conversations store stops growing once the retention is reached.
 *
 * <p>Expiry runs every 10 s of wall clock, here every 6.7 simulated days, and forgets a conversation within a day
 * after it is older than the retention: at the end the store holds at most about 3 + 1 + 6.7 days of the 20, about
 * half of the conversations created; without expiry it would hold them all. The entries are counted (RocksDB's
 * estimate is too rough for this), and compared as conversations per event sent, so that which days of the week the
 * run covers does not matter.
 */
class SoakCommandTest {

    /** day, events sent, then the table's columns; the counted entries are the last six. */
    private static final Pattern LINE = Pattern.compile("^\\s*(\\d+) \\d{4}-\\d{2}-\\d{2}\\s+([\\d,]+) \\|(.*)$",
            Pattern.MULTILINE);

    @Test
    void shouldPrintALineEveryPeriodAndAVerdictAndForgetConversationsOlderThanTheRetention() {
        StringWriter out = new StringWriter();
        CommandLine cli = Deskstream.commandLine();
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("soak", "--days", "20", "--retention-days", "3", "--events-per-day", "600",
                "--seconds-per-day", "1.5", "--every-days", "3", "--partitions", "2", "--count-entries");

        String text = out.toString();
        assertThat(exit).as(text).isZero();
        List<long[]> lines = lines(text);
        assertThat(lines).as(text).extracting(l -> l[0]).containsExactly(3L, 6L, 9L, 12L, 15L, 18L, 20L);
        assertThat(text).contains("verdict: ").contains("punctuation   longest ");
        Matcher dataDir = Pattern.compile("the topology in (\\S+) \\.\\.\\.").matcher(text);
        assertThat(dataDir.find()).as("the data directory is named in %s", text).isTrue();
        assertThat(Path.of(dataDir.group(1))).as("the data directory, deleted at the end").doesNotExist();

        long[] atRetention = lines.get(0);
        long[] last = lines.get(lines.size() - 1);
        double perEventAtRetention = (double) atRetention[2] / atRetention[1];
        double perEventAtEnd = (double) last[2] / last[1];
        assertThat(last[2]).as("conversations at the end").isPositive();
        assertThat(perEventAtEnd).as("conversations per event sent, at the end against day 3 (nothing expired yet)"
                + " in:%n%s", text).isLessThan(0.8 * perEventAtRetention);
    }

    @Test
    void shouldRefuseNonsense() {
        StringWriter err = new StringWriter();
        CommandLine cli = Deskstream.commandLine();
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute("soak", "--days", "0")).isEqualTo(2);
        assertThat(cli.execute("soak", "--seconds-per-day", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("must be at least 1, --seconds-per-day at least 0");
    }

    /** Each table line as {day, events sent, conversations counted}. */
    private static List<long[]> lines(String text) {
        List<long[]> lines = new ArrayList<>();
        Matcher line = LINE.matcher(text);
        while (line.find()) {
            String[] groups = line.group(3).split("\\|");
            String[] counted = groups[groups.length - 1].trim().split("\\s+");
            lines.add(new long[] {Long.parseLong(line.group(1)), number(line.group(2)), number(counted[0])});
        }
        return lines;
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
