package io.deskstream.launcher;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.deskstream.ingest.EventPublisher;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.simulator.BikeShopHelpDesk;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code deskstream bench-freshness}: how soon an event's effect can be read through the HTTP API while the pipeline
 * is under a steady load. Probe tickets are sent every 100–200 ms beside the load; for each, the time from Kafka's
 * acknowledgement to its conversation answering, and to the report counting it, is measured.
 */
@Command(name = "bench-freshness", mixinStandardHelpOptions = true,
        description = {"Measures freshness under load: a steady rate of simulated events on a fresh embedded broker, "
                + "and probe tickets whose conversation and report cell are read through the HTTP API until they "
                + "show; prints p50, p99 and max from Kafka's acknowledgement to visible."})
final class FreshnessCommand implements Callable<Integer> {

    @Option(names = "--rate", paramLabel = "N", defaultValue = "10000",
            description = "Events per second of the steady load (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "120s",
            converter = DurationOption.Converter.class,
            description = "How long to measure, after 10 s of warm-up (default: ${DEFAULT-VALUE}).")
    DurationOption duration;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "4",
            description = "Partitions of the event topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--commit-interval", paramLabel = "DURATION", converter = DurationOption.Converter.class,
            description = "The processing's commit interval, as deskstream run takes it (default: run's).")
    DurationOption commitInterval;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || partitions < 1 || duration.duration().isZero()) {
            throw new ParameterException(spec.commandLine(), "--rate and --partitions must be at least 1, "
                    + "--duration more than 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dataDir = Files.createTempDirectory("deskstream-bench-freshness");
        try {
            measure(out, dataDir);
            return 0;
        } finally {
            Utils.delete(dataDir.toFile());
        }
    }

    private void measure(PrintWriter out, Path dataDir) throws Exception {
        String token = "bench-" + System.nanoTime();
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(Topics.withDefaultPrefix(), partitions, (short) 1,
                Duration.ofDays(3650))).with(InstanceSettings.defaults().withAdminToken(token));
        if (commitInterval != null) {
            settings = settings.with(settings.processing().withCommitInterval(commitInterval.duration()));
        }
        out.printf("Starting a fresh Kafka broker, the topology and the HTTP API in %s ...%n", dataDir);
        try (DeskstreamProcess process = DeskstreamProcess.start(settings)) {
            BenchCommand.configure(process, settings.topicLayout());
            FreshnessProbe probe = new FreshnessProbe(new ApiCaller(process.httpUrl(), token),
                    Instant.now().truncatedTo(ChronoUnit.HOURS));
            probe.configure();
            Duration warmup = Duration.ofSeconds(10);
            long total = (long) rate * (warmup.plus(duration.duration()).toSeconds() + 5);
            try (EventPublisher publisher = new EventPublisher(process.kafkaConnection(), process.recordSerializer(),
                    settings.topics())) {
                out.printf("Sending %,d events/s for %d s of warm-up, then %d s measured, with a probe ticket every "
                        + "100-200 ms (commit interval %d ms) ...%n", rate, warmup.toSeconds(),
                        duration.duration().toSeconds(), settings.processing().commitInterval().toMillis());
                PacedLoad load = new PacedLoad(new SimulatedLoad(new BikeShopHelpDesk(),
                        SimulatedPace.month(total, Instant.now())), publisher, rate);
                load.start();
                try {
                    probe.run(publisher, warmup, load::checkFailure);
                    long measuredStart = load.sent();
                    long started = System.nanoTime();
                    FreshnessProbe.Figures figures = probe.run(publisher, duration.duration(), load::checkFailure);
                    double achieved = (load.sent() - measuredStart) / ((System.nanoTime() - started) / 1e9);
                    print(out, figures, achieved);
                } finally {
                    load.stop();
                }
            }
        }
    }

    private void print(PrintWriter out, FreshnessProbe.Figures figures, double achieved) {
        out.printf("load                %,12.0f events/s  (asked %,d; acknowledged by Kafka)%n", achieved, rate);
        out.printf("probes              %,12d  (%d not visible within %d s)%n", figures.probes(), figures.lost(),
                FreshnessProbe.GIVE_UP.toSeconds());
        line(out, "conversation", figures.conversation());
        line(out, "report cell", figures.report());
    }

    private static void line(PrintWriter out, String what, Latencies latencies) {
        out.printf("%-19s p50 %7.0f ms   p99 %7.0f ms   max %7.0f ms  (from Kafka's acknowledgement to visible "
                        + "through the HTTP API)%n", what, latencies.percentileMillis(0.5),
                latencies.percentileMillis(0.99), latencies.percentileMillis(1.0));
    }

    /** The steady load: the simulated help desk's events, sent in slices so that the rate holds every 20 ms. */
    private static final class PacedLoad {
        private static final long SLICE_NANOS = 20_000_000;
        private final SimulatedLoad events;
        private final EventPublisher publisher;
        private final int rate;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile Exception failure;
        private final Thread thread = new Thread(this::send, "deskstream-bench-load");

        PacedLoad(SimulatedLoad events, EventPublisher publisher, int rate) {
            this.events = events;
            this.publisher = publisher;
            this.rate = rate;
        }

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        long sent() {
            return sent.get();
        }

        void checkFailure() {
            if (failure != null) {
                throw new IllegalStateException("the load could not be sent: " + failure, failure);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        private void send() {
            long start = System.nanoTime();
            try {
                while (running.get()) {
                    long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
                    long slice = due - sent.get();
                    if (slice > 0) {
                        events.send(publisher, slice);
                        sent.addAndGet(slice);
                    } else {
                        Thread.sleep(SLICE_NANOS / 1_000_000);
                    }
                }
            } catch (Exception e) {
                failure = e;
            }
        }
    }
}
