package io.deskstream.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.api.status.ProcessingProgress;
import io.deskstream.ingest.EventPublisher;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.simulator.BikeShopHelpDesk;
import io.deskstream.simulator.HelpDeskSimulation;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code deskstream soak}: many simulated months of the bike shop through the whole topology, in compressed time, on
 * a fresh embedded broker, with a line of figures per simulated month: does the state stop growing once it is as old
 * as the retention, and do the expiry punctuations stay short?
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Drives many simulated days of the bike shop through the whole topology in compressed time, on "
                + "a fresh embedded broker in a temporary directory, and prints a line of figures per simulated "
                + "month (entries per state store, bytes on disk, changelog sizes, heap, longest punctuation), then "
                + "whether they plateau after the retention."})
final class SoakCommand implements Callable<Integer> {

    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--days", paramLabel = "N", defaultValue = "500",
            description = "Simulated days, ending now (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--retention-days", paramLabel = "N", defaultValue = "30",
            description = "The retention of the run, by event time (default: ${DEFAULT-VALUE}).")
    int retentionDays;

    @Option(names = "--events-per-day", paramLabel = "N", defaultValue = "4000",
            description = "Simulated events per day, on average over a week (default: ${DEFAULT-VALUE}).")
    int eventsPerDay;

    @Option(names = "--seconds-per-day", paramLabel = "S", defaultValue = "1.2",
            description = "Wall-clock seconds per simulated day, at least: after a day's events are acknowledged the "
                    + "soak waits until this much time has passed since the day began, so that expiry (every 10 s of "
                    + "wall clock) runs between the days as over a real year (default: ${DEFAULT-VALUE}).")
    double secondsPerDay;

    @Option(names = "--every-days", paramLabel = "N", defaultValue = "30",
            description = "A line of figures every N simulated days (default: ${DEFAULT-VALUE}, a month).")
    int everyDays;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "4",
            description = "Partitions of the event topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the simulation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--compress-topic-time", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Compress the time-based settings of the changelogs and report-rows like the days: records "
                    + "stamped when appended, segments rolled and tombstones dropped after one simulated day of wall "
                    + "clock, as production does after a day (default: on; --no-compress-topic-time keeps production's "
                    + "settings, under which, in compressed time, a changelog's open segment does not roll).")
    boolean compressTopicTime;

    @Option(names = "--count-entries", defaultValue = "false",
            description = "Also count the entries of the RocksDB stores one by one at every line (exact, but a full "
                    + "read of each store) and judge the plateau by the counts instead of RocksDB's estimates.")
    boolean countEntries;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (days < 1 || retentionDays < 1 || eventsPerDay < 1 || everyDays < 1 || partitions < 1
                || !(secondsPerDay >= 0)) {
            throw new ParameterException(spec.commandLine(), "--days, --retention-days, --events-per-day, "
                    + "--every-days and --partitions must be at least 1, --seconds-per-day at least 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dataDir = Files.createTempDirectory("deskstream-soak");
        // A soak lasts minutes and is often stopped with Ctrl-C: its data goes then too.
        Thread cleanUp = new Thread(() -> deleteQuietly(dataDir), "deskstream-soak-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
            return soak(out, dataDir);
        } finally {
            Utils.delete(dataDir.toFile());
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        }
    }

    private int soak(PrintWriter out, Path dataDir) throws Exception {
        long runStart = System.nanoTime();
        Topics topics = Topics.withDefaultPrefix();
        // The input topics keep every event of the run: their retention counts from the event's ts, which goes back
        // --days from now.
        TopicLayout layout = new TopicLayout(topics, partitions, (short) 1, Duration.ofDays(days + 30L));
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, layout).withRetention(Duration.ofDays(retentionDays));
        out.printf("Starting a fresh Kafka broker and the topology in %s ...%n", dataDir);
        out.printf("Soak: %,d simulated days ending now, %,d events a day, %.2f s of wall clock a day, retention %d "
                + "days, a line every %d days.%n", days, eventsPerDay, secondsPerDay, retentionDays, everyDays);
        out.flush();
        try (DeskstreamProcess process = DeskstreamProcess.start(settings, false);
             Admin admin = Admin.create(process.kafkaConnection())) {
            BenchCommand.configure(process, layout);
            process.startTopology();
            KafkaStreams streams = process.streams().streams();
            if (compressTopicTime) {
                List<String> compacted = SoakTopicTime.growingCompactedTopics(admin, topics);
                SoakTopicTime.compress(admin, compacted, simulatedDay());
                out.printf("Compressed topic time: the %d changelogs and report-rows roll their segments and drop "
                        + "tombstones after %d ms (a simulated day), records stamped on append.%n", compacted.size() - 1,
                        simulatedDay().toMillis());
            } else {
                out.printf("Production topic settings: segments roll after a day of record time or %d MiB, tombstones "
                        + "stay a day of wall clock.%n", TopicLayout.COMPACTED_SEGMENT_BYTES / (1024 * 1024));
            }
            SoakProbe probe = new SoakProbe(streams, admin, settings.streamsDir(), topics);
            String applicationId = StreamsRuntime.applicationId(topics);
            List<SoakVerdict.Line> lines = new ArrayList<>();
            Instant end = Instant.now();
            Instant start = end.minus(Duration.ofDays(days));
            HelpDeskSimulation simulation = new HelpDeskSimulation(seed, start, eventsPerDay / 86_400.0,
                    new BikeShopHelpDesk());
            CanonicalEventParser parser = new CanonicalEventParser();
            printHeader(out, countEntries);
            long sent = 0;
            long sendingNanos = 0;
            long waitingNanos = 0;
            long measuringNanos = 0;
            long longestGcMillis = 0;
            try (PunctuationWatch punctuations = PunctuationWatch.start(streams);
                 EventPublisher publisher = new EventPublisher(process.kafkaConnection(), process.recordSerializer(),
                         topics)) {
                long paceStart = System.nanoTime();
                long sentBefore = 0;
                long behindMost = 0;
                for (int day = 1; day <= days; day++) {
                    long dayStart = System.nanoTime();
                    // Expiry counts back from the event time processed, every 10 s of wall clock: if the topology
                    // fell behind, it would run only every so many days of events. It may be a day behind at most.
                    behindMost = Math.max(behindMost, waitForTopology(admin, applicationId, topics, sent - sentBefore));
                    long sendStart = System.nanoTime();
                    waitingNanos += sendStart - dayStart;
                    sentBefore = sent;
                    sent += sendDay(simulation, parser, publisher, start.plus(Duration.ofDays(day)));
                    sendingNanos += System.nanoTime() - sendStart;
                    if (day % everyDays == 0 || day == days) {
                        long catchUpStart = System.nanoTime();
                        long behind = waitForTopology(admin, applicationId, topics, 0);
                        long measureStart = System.nanoTime();
                        waitingNanos += measureStart - catchUpStart;
                        SoakProbe.Figures figures = probe.measure(countEntries);
                        measuringNanos += System.nanoTime() - measureStart;
                        longestGcMillis = Math.max(longestGcMillis, figures.gcMillis());
                        SoakVerdict.Line line = new SoakVerdict.Line(day, sent, figures.entries(), figures.counted(),
                                figures.diskBytes(), figures.topicBytes(), figures.heapBytes(),
                                punctuations.takePeriodMax());
                        lines.add(line);
                        printLine(out, line, start, behind);
                        behindMost = Math.max(behindMost, behind);
                    }
                    pace(dayStart);
                }
                double seconds = (System.nanoTime() - paceStart) / 1e9;
                out.printf("%,d events over %,d simulated days in %.0f s of wall clock (%.2f s a day); the whole run "
                        + "with start-up: %.0f s%n", sent, days, seconds, seconds / days,
                        (System.nanoTime() - runStart) / 1e9);
                out.printf("  of which: simulating and sending, acknowledged %.0f s; waiting for the topology %.0f s "
                        + "(to be at most a day behind, and to commit everything before each line); measuring %.0f s "
                        + "(the longest System.gc() %d ms)%n", sendingNanos / 1e9, waitingNanos / 1e9,
                        measuringNanos / 1e9, longestGcMillis);
                if (behindMost > 0) {
                    out.printf("  the topology made no progress for %d s at least once and was left behind, by up "
                            + "to %,d events: the expiry then ran less often than the pacing says%n",
                            STALL_TIMEOUT.toSeconds(), behindMost);
                }
                SoakVerdict verdict = SoakVerdict.of(lines, retentionDays);
                verdict.describe(retentionDays).forEach(out::println);
                int tasks = tasksPerThread(streams);
                out.printf("  (the metric is, per stream thread, a pass over its due punctuators divided by the tasks "
                        + "that punctuated in it; with %d tasks on a thread, a whole pass took at most %.0f ms)%n",
                        tasks, tasks * verdict.punctuationMs());
                out.flush();
            }
        }
        return 0;
    }

    private static void deleteQuietly(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            // The process is stopping; what is left is in the temporary directory.
        }
    }

    /** Sends the simulated events up to {@code until} and waits until Kafka has them all; returns how many. */
    private static long sendDay(HelpDeskSimulation simulation, CanonicalEventParser parser, EventPublisher publisher,
                                Instant until) throws Exception {
        List<ObjectNode> events = simulation.eventsUntil(until);
        List<CompletableFuture<?>> acks = new ArrayList<>(events.size());
        for (ObjectNode event : events) {
            acks.add(publisher.publish(parser.parse(event)));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
        return events.size();
    }

    /** A simulated day of wall clock, for the topics' time-based settings: at least 500 ms. */
    private Duration simulatedDay() {
        return Duration.ofMillis(Math.max(500, Math.round(secondsPerDay * 1000)));
    }

    /** Waits until a simulated day of wall clock has passed since {@code dayStart}; at once if it has. */
    private void pace(long dayStart) throws InterruptedException {
        long wait = dayStart + (long) (secondsPerDay * 1e9) - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /**
     * Waits until the topology has committed all but {@code allowed} of the events sent, as long as it makes
     * progress; returns 0, or how many events it is still behind after a minute without progress.
     */
    private static long waitForTopology(Admin admin, String applicationId, Topics topics, long allowed)
            throws Exception {
        long fewest = Long.MAX_VALUE;
        long progressAt = System.nanoTime();
        while (true) {
            long lag = ProcessingProgress.lag(admin, applicationId, topics.inputEvents());
            if (lag <= allowed) {
                return 0;
            }
            if (lag < fewest) {
                fewest = lag;
                progressAt = System.nanoTime();
            } else if (System.nanoTime() - progressAt > STALL_TIMEOUT.toNanos()) {
                return lag;
            }
            Thread.sleep(50);
        }
    }

    private static int tasksPerThread(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).max().orElse(0);
    }

    private static void printHeader(PrintWriter out, boolean counted) {
        StringBuilder groups = new StringBuilder(String.format("%-28s", ""));
        StringBuilder labels = new StringBuilder(String.format("%5s %-10s %11s", "day", "date", "events"));
        groups.append(String.format("| %-" + (SoakProbe.STORES.size() * 8 - 2) + "s", "entries (RocksDB: estimates)"));
        labels.append(" |");
        SoakProbe.STORES.forEach(s -> labels.append(String.format("%8s", s.label())));
        long rocksDb = SoakProbe.STORES.stream().filter(SoakProbe.Store::rocksDb).count();
        groups.append(String.format(" | %-" + (rocksDb * 7 - 1) + "s", "RocksDB on disk, MiB"));
        labels.append(" |");
        SoakProbe.STORES.stream().filter(SoakProbe.Store::rocksDb).forEach(s -> labels.append(String.format("%7s",
                s.label())));
        groups.append(String.format(" | %-" + (SoakProbe.TOPIC_LABELS.size() * 7 - 1) + "s",
                "changelogs and topics on the broker, MiB"));
        labels.append(" |");
        SoakProbe.TOPIC_LABELS.forEach(l -> labels.append(String.format("%7s", l)));
        groups.append(" |   heap  punct");
        labels.append(" |    MiB     ms");
        if (counted) {
            groups.append(String.format(" | %-" + (rocksDb * 8 - 1) + "s", "entries counted"));
            labels.append(" |");
            SoakProbe.STORES.stream().filter(SoakProbe.Store::rocksDb).forEach(s -> labels.append(String.format("%8s",
                    s.label())));
        }
        out.println(groups);
        out.println(labels);
        out.flush();
    }

    private static void printLine(PrintWriter out, SoakVerdict.Line line, Instant start, long behind) {
        StringBuilder text = new StringBuilder(String.format("%5d %-10s %,11d |", line.day(),
                LocalDate.ofInstant(start.plus(Duration.ofDays(line.day())), ZoneOffset.UTC), line.eventsSent()));
        SoakProbe.STORES.forEach(s -> text.append(String.format("%,8d", line.entries().get(s.label()))));
        text.append(" |");
        line.diskBytes().values().forEach(bytes -> text.append(String.format("%7.1f", mib(bytes))));
        text.append(" |");
        SoakProbe.TOPIC_LABELS.forEach(l -> text.append(String.format("%7.1f", mib(line.topicBytes().get(l)))));
        text.append(String.format(" | %6d %6.0f", Math.round(mib(line.heapBytes())), line.punctuationMs()));
        if (!line.counted().isEmpty()) {
            text.append(" |");
            line.counted().values().forEach(count -> text.append(String.format("%,8d", count)));
        }
        if (behind > 0) {
            text.append(String.format("  (still %,d events behind)", behind));
        }
        out.println(text);
        out.flush();
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
