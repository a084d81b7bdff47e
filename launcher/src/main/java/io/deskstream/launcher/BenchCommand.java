package io.deskstream.launcher;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.api.status.ProcessingProgress;
import io.deskstream.ingest.ConfigurationWriter;
import io.deskstream.ingest.EventPublisher;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.schemas.json.DepartmentJson;
import io.deskstream.schemas.json.RoutingRuleJson;
import io.deskstream.simulator.BikeShopHelpDesk;
import io.deskstream.simulator.DeskSize;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code deskstream bench}: the whole pipeline under load on this machine, on a fresh embedded broker, with
 * exactly-once processing, beside the raw consumer rate of the same topics measured in the same run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures end-to-end throughput on this machine: simulated events through routing and "
                + "metrics on a fresh embedded broker with exactly_once_v2, against the raw consumer rate of the "
                + "same topics in the same run."})
final class BenchCommand implements Callable<Integer> {

    static final long MAX_OPEN_CONVERSATIONS = 10_000_000;

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000",
            description = "Events in the timed run (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "300000",
            description = "Events processed before the timed run, as a long-running deployment is warmed up "
                    + "(default: ${DEFAULT-VALUE}; 0 times a cold start).")
    long warmup;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "4",
            description = "Partitions of the event topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--report-timezone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Report time zone of the run, whose hours are the report's cells (default: ${DEFAULT-VALUE}).")
    ZoneId reportTimezone;

    @Option(names = "--commit-interval", paramLabel = "DURATION", converter = DurationOption.Converter.class,
            description = "The processing's commit interval, as deskstream run takes it (default: run's).")
    DurationOption commitInterval;

    @Option(names = "--departments", paramLabel = "N", defaultValue = "5",
            description = "Departments of the simulated help desk: the bike shop's 5, and beyond them added "
                    + "departments shaped like its own, preset on new conversations (1 to 10000; default: "
                    + "${DEFAULT-VALUE}).")
    int departments;

    @Option(names = "--agents", paramLabel = "N", defaultValue = "12",
            description = "Agents of the simulated help desk, spread over its departments: the bike shop's 12, and "
                    + "beyond them added agents (at least one per department, at most 100000; default: "
                    + "${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--open-conversations", paramLabel = "N",
            description = "Conversations open at once during the timed run, on average: the simulated history is "
                    + "made as dense as that takes, starting on a Monday morning (default: a month of history up "
                    + "to now, which keeps a few thousand open; the run prints what it reached).")
    Long openConversations;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (events < 1 || warmup < 0 || partitions < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--events and --partitions must be at least 1, --warmup at least 0");
        }
        BikeShopHelpDesk desk = desk();
        PrintWriter out = spec.commandLine().getOut();
        SimulatedPace pace = pace(out, desk);
        Path dataDir = Files.createTempDirectory("deskstream-bench");
        try {
            return measure(out, dataDir, desk, pace);
        } finally {
            // The broker's log of a large run takes gigabytes: a benchmark leaves nothing behind.
            Utils.delete(dataDir.toFile());
        }
    }

    private BikeShopHelpDesk desk() {
        try {
            return new BikeShopHelpDesk(new DeskSize(departments, agents));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--departments and --agents: " + e.getMessage());
        }
    }

    private SimulatedPace pace(PrintWriter out, BikeShopHelpDesk desk) {
        Instant now = Instant.now();
        if (openConversations == null) {
            return SimulatedPace.month(warmup + events, now);
        }
        if (openConversations < 1 || openConversations > MAX_OPEN_CONVERSATIONS) {
            throw new ParameterException(spec.commandLine(), "--open-conversations must be from 1 to %,d, got %,d"
                    .formatted(MAX_OPEN_CONVERSATIONS, openConversations));
        }
        out.printf("Finding the pace at which %,d conversations are open at once ...%n", openConversations);
        out.flush();
        try {
            return SimulatedPace.dense(desk, warmup + events, events, openConversations, now);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private int measure(PrintWriter out, Path dataDir, BikeShopHelpDesk desk, SimulatedPace pace) throws Exception {
        Topics topics = Topics.withDefaultPrefix();
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                reportTimezone, null, null, new TopicLayout(topics, partitions, (short) 1, Duration.ofDays(3650)));
        if (commitInterval != null) {
            settings = settings.with(settings.processing().withCommitInterval(commitInterval.duration()));
        }
        HeapPeak heap = HeapPeak.start();
        out.printf("Starting a fresh Kafka broker and the topology in %s ...%n", dataDir);
        try (DeskstreamProcess process = DeskstreamProcess.start(settings, false);
             Admin admin = Admin.create(process.kafkaConnection())) {
            configure(process, settings.topicLayout(), desk);
            // The topology joins its group and opens its stores first, then processes a warm-up portion of the
            // events, so that the start-up (once per process) and the JIT compiler's first minute are not what the
            // run measures; both are printed on their own lines.
            long joinStart = System.nanoTime();
            process.startTopology();
            double joinSeconds = seconds(System.nanoTime() - joinStart);
            SimulatedLoad load = new SimulatedLoad(desk, pace);
            out.printf("Simulated help desk: %,d departments, %,d agents; %,.2f events per simulated second from %s%n",
                    departments, agents, pace.eventsPerSecond(), pace.start());
            String applicationId = StreamsRuntime.applicationId(topics);
            ProcessingRun.Lag lag = () -> ProcessingProgress.lag(admin, applicationId, topics.inputEvents());
            try (EventPublisher publisher = new EventPublisher(process.kafkaConnection(), process.recordSerializer(),
                    topics)) {
                double warmupSeconds = 0;
                if (warmup > 0) {
                    out.printf("Warming up: %,d simulated events through the topology ...%n", warmup);
                    long warmupStart = System.nanoTime();
                    load.send(publisher, warmup);
                    ProcessingRun.follow(out, warmup, warmupStart, lag);
                    warmupSeconds = seconds(System.nanoTime() - warmupStart);
                }
                process.pauseTopology();
                out.printf("Writing %,d simulated events to the input topics (%d partitions) ...%n", events,
                        partitions);
                long sendStart = System.nanoTime();
                SimulationCursor.OpenConversations open = load.send(publisher, events);
                double sendRate = events / seconds(System.nanoTime() - sendStart);
                // The simulation holds its open conversations' events to come: a dense one, up to 128 MiB of them
                // in memory and the rest in a temporary file, which are the bench's and not deskstream's. Let go and
                // collected before the timed processing, they are not counted in its heap, nor do they crowd its
                // collections, nor does the file take disk space.
                load.close();
                load = null;
                System.gc();
                double consumerRate = rawConsumerRate(process.kafkaConnection(), topics.inputEvents());
                out.printf("Processing them: routing and every report column, exactly_once_v2, a commit every %d ms ...%n",
                        settings.processing().commitInterval().toMillis());
                TopicWrites before = TopicWrites.now(admin, topics.inputEvents());
                HeapPeak processingHeap = HeapPeak.start();
                long start = System.nanoTime();
                CpuByPart.Snapshot cpuBefore = CpuByPart.now();
                process.resumeTopology();
                ProcessingRun run = ProcessingRun.follow(out, events, start, lag);
                long caughtUp = run.caughtUp();
                CpuByPart.Snapshot cpuAfter = CpuByPart.now();
                long processingHeapPeak = processingHeap.stop();
                double cpuMicrosPerEvent = (cpuAfter.processNanos() - cpuBefore.processNanos()) / 1e3 / events;
                double pipelineRate = events / seconds(caughtUp - start);
                TopicWrites written = TopicWrites.now(admin, topics.inputEvents()).since(before);
                out.printf("end to end          %,12.0f events/s  (%,d events in %.1f s, from the start of processing"
                        + " to the report caught up)%n", pipelineRate, events, seconds(caughtUp - start));
                out.printf("cpu per event       %12.1f microseconds  (all threads of the process: broker, topology,"
                        + " JIT, GC)%n", cpuMicrosPerEvent);
                out.printf("  by part           %s%n", CpuByPart.perEvent(cpuBefore, cpuAfter, events));
                out.printf("  paused, compiling %s%n", CpuByPart.pauses(cpuBefore, cpuAfter, caughtUp - start));
                out.printf("written per event   %12.2f records, %,.0f bytes  (changelogs, outputs, transaction markers;"
                        + " largest:)%n", written.totalRecords() / (double) events, written.totalBytes() / (double) events);
                written.largest(6, events, topics.prefix()).forEach(out::println);
                out.printf("raw consumer        %,12.0f events/s  (the same topics, same run)%n", consumerRate);
                out.printf("ratio               %12.3f%n", pipelineRate / consumerRate);
                out.printf("heap processing     %,12d MiB  (the most in use while the timed events were processed)%n",
                        processingHeapPeak / (1024 * 1024));
                out.printf("desk size           %,12d departments, %,d agents%n", departments, agents);
                out.printf("open conversations  %,12.0f on average, %,d at most  (in flight in the simulation while "
                        + "the timed events were drawn%s)%n", open.mean(), open.max(), openConversations == null ? ""
                        : ", %,d asked for".formatted(openConversations));
                out.printf("ingest              %,12.0f events/s  (simulate, parse, encode, send with acks=all)%n",
                        sendRate);
                out.printf("caught up after     %12.1f s  (from the last event produced to the report API including it;"
                        + " the report-rows export follows within seconds)%n", seconds(caughtUp - start));
                out.printf("topology start-up   %12.1f s  (join the group, create and open the stores)%n", joinSeconds);
                out.printf("warm-up             %12.1f s  (%,d events before the timed run, not counted above)%n",
                        warmupSeconds, warmup);
            }
            out.printf("peak heap           %,12d MiB  (of %,d MiB max)%n", heap.stop() / (1024 * 1024),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
        return 0;
    }

    static void configure(DeskstreamProcess process, TopicLayout layout) throws Exception {
        configure(process, layout, new BikeShopHelpDesk());
    }

    private static void configure(DeskstreamProcess process, TopicLayout layout, BikeShopHelpDesk desk)
            throws Exception {
        try (ConfigurationWriter writer = new ConfigurationWriter(process.kafkaConnection(), process.recordSerializer(),
                layout)) {
            for (ObjectNode d : desk.departments()) {
                writer.put(DepartmentJson.parse(d));
            }
            for (ObjectNode r : desk.routingRules()) {
                writer.put(RoutingRuleJson.parse(r));
            }
        }
    }

    private static double rawConsumerRate(Map<String, Object> connection, List<String> topics) {
        connection.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(connection,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            topics.forEach(t -> consumer.partitionsFor(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long total = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            long read = 0;
            long start = System.nanoTime();
            while (read < total) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            return read / seconds(System.nanoTime() - start);
        }
    }

    /** The most heap in use at any sample, every 50 ms: the pools' own peaks add up maxima of different moments. */
    private static final class HeapPeak {
        private volatile boolean running = true;
        private volatile long peak;
        private final Thread sampler = new Thread(() -> {
            while (running) {
                peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "deskstream-bench-heap");

        static HeapPeak start() {
            HeapPeak heap = new HeapPeak();
            heap.sampler.setDaemon(true);
            heap.sampler.start();
            return heap;
        }

        long stop() {
            running = false;
            return peak;
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
