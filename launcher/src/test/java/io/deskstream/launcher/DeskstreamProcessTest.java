package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.topology.DeadLetterHeaders;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole deskstream process on its embedded broker and registry, as `run` starts it. */
class DeskstreamProcessTest {

    private static final Path CONFORMANCE = Path.of(System.getProperty("deskstream.conformance.dir", "../conformance"));
    private static final Topics TOPICS = Topics.withDefaultPrefix();

    @TempDir
    Path dataDir;

    private RuntimeSettings settings() {
        return new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(), ZoneOffset.UTC, null, null,
                new TopicLayout(TOPICS, 2, (short) 1, Duration.ofDays(30)));
    }

    @Test
    void shouldCreateItsTopicsServeTheRegistryAndKeepItsDataAcrossARestart() throws Exception {
        RuntimeSettings settings = settings();
        String token;
        try (DeskstreamProcess process = DeskstreamProcess.start(settings)) {
            assertThat(topicNames(process.bootstrapServers())).containsAll(TOPICS.inputEvents())
                    .contains(TOPICS.deadLetters(), TOPICS.routedTickets(), TOPICS.departments());
            // The input events' schemas are registered at start, so that ingest needs no credentials to find them.
            assertThat(httpGet(process.schemaRegistryUrl() + "/subjects")).contains(TOPICS.ticketEvents() + "-value",
                    TOPICS.chatEvents() + "-value", TOPICS.callEvents() + "-value", TOPICS.ratingEvents() + "-value");
            token = process.adminToken().token();
            assertThat(Files.readString(dataDir.resolve("admin-token")).strip()).isEqualTo(token);
        }

        try (DeskstreamProcess restarted = DeskstreamProcess.start(settings)) {
            assertThat(restarted.createdTopics()).isEmpty();
            assertThat(restarted.adminToken().token()).isEqualTo(token);
        }
    }

    @Test
    void shouldIngestTheConformanceWeekSendingValidLinesToTheirTopicsAndRefusedOnesToDeadLetters() throws Exception {
        try (DeskstreamProcess process = DeskstreamProcess.start(settings())) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream original = System.out;
            int exit;
            try {
                System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
                exit = Deskstream.commandLine().execute("ingest", CONFORMANCE.resolve("events.jsonl").toString(),
                        "--bootstrap-servers", process.bootstrapServers(),
                        "--schema-registry-url", process.schemaRegistryUrl());
            } finally {
                System.setOut(original);
            }

            assertThat(exit).isZero();
            long lines = Files.readAllLines(CONFORMANCE.resolve("events.jsonl")).size();
            Map<String, Long> perTopic = new TreeMap<>();
            for (String topic : TOPICS.inputEvents()) {
                perTopic.put(topic, recordCount(process.bootstrapServers(), topic));
            }
            assertThat(perTopic.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(lines - 7);
            assertThat(perTopic.get(TOPICS.ratingEvents())).isEqualTo(322);
            // Seven refused by ingest, three by the topology for naming a conversation never created.
            assertThat(deadLetterReasons(process.bootstrapServers(), 10)).isEqualTo(Map.of(
                    "unparseable", 2L, "unknown type", 1L, "missing ticketId", 1L, "bad ts", 1L, "future ts", 1L,
                    "bad rating", 1L, "unknown conversation", 3L));
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("Sent 10,604 events")
                    .contains("Refused 7 lines")
                    .contains("line 537: missing field 'ticketId'");
            assertThat(httpGet(process.schemaRegistryUrl() + "/subjects"))
                    .contains(TOPICS.ticketEvents() + "-value", TOPICS.ratingEvents() + "-value");
        }
    }

    @Test
    void shouldExplainWhereNoKafkaAnswersInsteadOfRetryingForMinutes() {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        var cli = Deskstream.commandLine();
        cli.setErr(new java.io.PrintWriter(errors, true, StandardCharsets.UTF_8));

        int exit = cli.execute("ingest", CONFORMANCE.resolve("events.jsonl").toString(),
                "--bootstrap-servers", "127.0.0.1:" + LocalPorts.free());

        assertThat(exit).isEqualTo(1);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("no Kafka cluster answers at 127.0.0.1:");
    }

    private static Set<String> topicNames(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listTopics().names().get();
        }
    }

    private static long recordCount(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Reads the dead-letter topic until it holds {@code expected} records (or a minute passes). */
    private static Map<String, Long> deadLetterReasons(String bootstrap, int expected) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            TopicPartition partition = new TopicPartition(TOPICS.deadLetters(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records.stream().collect(Collectors.groupingBy(r -> new String(
                    r.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8), Collectors.counting()));
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String httpGet(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
