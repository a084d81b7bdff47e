package io.deskstream.launcher;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.api.status.ProcessingProgress;
import io.deskstream.ingest.ConfigurationWriter;
import io.deskstream.ingest.EventPublisher;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.schemas.json.DepartmentJson;
import io.deskstream.schemas.json.RoutingRuleJson;
import io.deskstream.simulator.BikeShopHelpDesk;
import io.deskstream.simulator.HelpDeskSimulation;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deskstream bench}: the whole pipeline under load on this machine, on a fresh embedded broker, with
 * exactly-once processing, beside the raw consumer rate of the same topics measured in the same run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures end-to-end throughput on this machine: simulated events through routing and "
                + "metrics on a fresh embedded broker with exactly_once_v2, against the raw consumer rate of the "
                + "same topics in the same run."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000",
            description = "Events to send (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "4",
            description = "Partitions of the event topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path dataDir = Files.createTempDirectory("deskstream-bench");
        Topics topics = Topics.withDefaultPrefix();
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(topics, partitions, (short) 1, Duration.ofDays(3650)));
        HeapPeak heap = HeapPeak.start();
        try (DeskstreamProcess process = DeskstreamProcess.start(settings, false);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, process.bootstrapServers()))) {
            configure(process, settings.topicLayout());
            // The topology joins its group and opens its stores first, paused: that start-up (a few seconds, once
            // per process) is timed on its own line rather than spread over the events.
            long joinStart = System.nanoTime();
            process.startTopologyPaused();
            double joinSeconds = seconds(System.nanoTime() - joinStart);
            out.printf("Writing %,d simulated events to the input topics (%d partitions) ...%n", events, partitions);
            long sendStart = System.nanoTime();
            send(process, topics);
            double sendRate = events / seconds(System.nanoTime() - sendStart);
            double consumerRate = rawConsumerRate(process.bootstrapServers(), topics.inputEvents());
            out.printf("Processing them: routing and every report column, exactly_once_v2 ...%n");
            long start = System.nanoTime();
            process.resumeTopology();
            ProcessingRun run = ProcessingRun.follow(out, events, start,
                    () -> ProcessingProgress.lag(admin, StreamsRuntime.applicationId(topics), topics.inputEvents()));
            long caughtUp = run.caughtUp();
            double pipelineRate = events / seconds(caughtUp - start);
            out.printf("end to end          %,12.0f events/s  (%,d events in %.1f s, from the start of processing to the"
                    + " report caught up)%n", pipelineRate, events, seconds(caughtUp - start));
            out.printf("  second half       %,12.0f events/s  (the last %,d events, once the JIT has warmed up)%n",
                    run.secondHalfRate(), events - events / 2);
            out.printf("raw consumer        %,12.0f events/s  (the same topics, same run)%n", consumerRate);
            out.printf("ratio               %12.3f%n", pipelineRate / consumerRate);
            out.printf("ingest              %,12.0f events/s  (simulate, parse, encode, send with acks=all)%n",
                    sendRate);
            out.printf("caught up after     %12.1f s  (from the last event produced to the report including it)%n",
                    seconds(caughtUp - start));
            out.printf("topology start-up   %12.1f s  (join the group, create and open the stores; before processing)%n",
                    joinSeconds);
            out.printf("peak heap           %,12d MiB  (of %,d MiB max)%n", heap.stop() / (1024 * 1024),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
        return 0;
    }

    private static void configure(DeskstreamProcess process, TopicLayout layout) throws Exception {
        BikeShopHelpDesk desk = new BikeShopHelpDesk();
        try (ConfigurationWriter writer = new ConfigurationWriter(process.bootstrapServers(), process.recordSerializer(),
                layout)) {
            for (ObjectNode d : desk.departments()) {
                writer.put(DepartmentJson.parse(d));
            }
            for (ObjectNode r : desk.routingRules()) {
                writer.put(RoutingRuleJson.parse(r));
            }
        }
    }

    /** Sends the events of a simulated help desk, as fast as Kafka takes them, history first. */
    private void send(DeskstreamProcess process, Topics topics) throws Exception {
        // A replay of history: the events spread over about three weeks of simulated time ending before now.
        Duration history = Duration.ofDays(30);
        double rate = events / (history.toSeconds() * 0.7);
        Instant start = Instant.now().minus(history);
        HelpDeskSimulation simulation = new HelpDeskSimulation(1, start, rate, new BikeShopHelpDesk());
        CanonicalEventParser parser = new CanonicalEventParser();
        long sent = 0;
        Instant until = start;
        try (EventPublisher publisher = new EventPublisher(process.bootstrapServers(), process.recordSerializer(), topics)) {
            List<CompletableFuture<?>> acks = new ArrayList<>();
            while (sent < events) {
                until = until.plus(Duration.ofMinutes(10));
                for (ObjectNode event : simulation.eventsUntil(until)) {
                    if (sent++ >= events) {
                        break;
                    }
                    acks.add(publisher.publish(parser.parse(event)));
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
                acks.clear();
            }
        }
    }

    private static double rawConsumerRate(String bootstrap, List<String> topics) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
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
