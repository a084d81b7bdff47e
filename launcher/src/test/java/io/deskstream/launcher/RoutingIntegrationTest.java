package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.ingest.ConfigurationWriter;
import io.deskstream.ingest.EventPublisher;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.schemas.config.RoutingRule;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.schemas.json.DepartmentJson;
import io.deskstream.schemas.json.RoutingRuleJson;
import io.deskstream.schemas.output.RoutedConversation;
import io.deskstream.schemas.output.RoutingDecision;
import io.deskstream.schemas.wire.ConfluentAvroDeserializer;
import io.deskstream.schemas.wire.SchemaRegistryClient;
import io.deskstream.topology.StoreNames;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routing on the embedded broker with exactly-once processing, as a running deskstream does it. */
class RoutingIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Topics TOPICS = Topics.withDefaultPrefix();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void shouldRouteLiveApplyNewRulesToLaterConversationsAndNeitherRerouteNorLoseDecisionsAcrossARestart() throws Exception {
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(TOPICS, 2, (short) 1, Duration.ofDays(30)));
        String bootstrap;
        String registryUrl;
        try (DeskstreamProcess process = DeskstreamProcess.start(settings)) {
            bootstrap = process.bootstrapServers();
            registryUrl = process.schemaRegistryUrl();
            try (ConfigurationWriter config = new ConfigurationWriter(process.kafkaConnection(), process.recordSerializer(), settings.topicLayout());
                 EventPublisher events = new EventPublisher(process.kafkaConnection(), process.recordSerializer(), TOPICS)) {
                config.put(DepartmentJson.parse(json("{\"id\": \"sales\", \"name\": \"Sales\"}")));
                assertThat(topicNames(bootstrap)).as("a department created gets its topic")
                        .contains(TOPICS.routedTicketsOf("sales"));

                send(events, "{\"id\":\"e-1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:00:00Z\",\"ticketId\":\"t-1\",\"channel\":\"email\"}");
                assertThat(awaitRouted(bootstrap, registryUrl, TOPICS.routedTickets(), 1)).extracting(RoutedConversation::getDepartment)
                        .containsExactly("none");

                RoutingRule rule = RoutingRuleJson.parse(json("{\"id\": \"email-to-sales\", \"name\": \"Email\", "
                        + "\"conditionGroups\": [{\"conditions\": [{\"field\": \"channel\", \"op\": \"is\", \"value\": \"email\"}]}], "
                        + "\"actions\": [{\"type\": \"transfer\", \"departmentId\": \"sales\"}]}"));
                config.put(rule);
                awaitRuleRead(process, rule.getId());
                send(events, "{\"id\":\"e-2\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:05:00Z\",\"ticketId\":\"t-2\",\"channel\":\"email\"}");

                List<RoutedConversation> routed = awaitRouted(bootstrap, registryUrl, TOPICS.routedTickets(), 2);
                assertThat(routed).extracting(RoutedConversation::getConversationId, RoutedConversation::getDepartment)
                        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("t-1", "none"),
                                org.assertj.core.groups.Tuple.tuple("t-2", "sales"));
                assertThat(awaitRouted(bootstrap, registryUrl, TOPICS.routedTicketsOf("sales"), 1))
                        .extracting(RoutedConversation::getMatchedRules).containsExactly(List.of("email-to-sales"));
            }
        }

        try (DeskstreamProcess restarted = DeskstreamProcess.start(settings);
             EventPublisher events = new EventPublisher(restarted.kafkaConnection(), restarted.recordSerializer(), TOPICS)) {
            send(events, "{\"id\":\"e-2\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:05:00Z\",\"ticketId\":\"t-2\",\"channel\":\"email\"}",
                    "{\"id\":\"e-3\",\"type\":\"ticket.transferred\",\"ts\":\"2026-11-02T09:10:00Z\",\"ticketId\":\"t-1\",\"departmentId\":\"sales\"}");

            // Events may be stamped up to a day ahead of the clock; every topic on their way must take them.
            String tomorrowish = Instant.now().plus(Duration.ofHours(12)).toString();
            events.publish(new CanonicalEventParser().parse("{\"id\":\"e-4\",\"type\":\"ticket.created\",\"ts\":\""
                    + tomorrowish + "\",\"ticketId\":\"t-3\",\"channel\":\"web\"}")).get(30, TimeUnit.SECONDS);

            List<RoutedConversation> routed = awaitRouted(bootstrap, registryUrl, TOPICS.routedTickets(), 4);
            assertThat(routed).hasSize(4);
            assertThat(routed.get(2).getDecision()).isEqualTo(RoutingDecision.transferred);
            assertThat(routed.get(2).getConversationId()).isEqualTo("t-1");
            assertThat(routed.get(3).getConversationId()).isEqualTo("t-3");
        }
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    private static void send(EventPublisher events, String... lines) throws Exception {
        CanonicalEventParser parser = new CanonicalEventParser(Clock.fixed(Instant.parse("2026-11-03T00:00:00Z"),
                ZoneOffset.UTC), CanonicalEventParser.DEFAULT_MAX_FUTURE);
        for (String line : lines) {
            events.publish(parser.parse(line)).get(30, TimeUnit.SECONDS);
        }
    }

    private static void awaitRuleRead(DeskstreamProcess process, String ruleId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ReadOnlyKeyValueStore<String, RoutingRule> rules = process.streams().streams().store(
                        StoreQueryParameters.fromNameAndType(StoreNames.ROUTING_RULES, QueryableStoreTypes.keyValueStore()));
                if (rules.get(ruleId) != null) {
                    return;
                }
            } catch (RuntimeException notReadyYet) {
                // the store answers once the topology runs
            }
            Thread.sleep(100);
        }
        throw new AssertionError("rule " + ruleId + " was not read within " + WAIT);
    }

    /** Reads a topic from the start, decoding with the schemas of the registry, until it holds {@code count} records. */
    private static List<RoutedConversation> awaitRouted(String bootstrap, String registryUrl, String topic, int count) {
        ConfluentAvroDeserializer<RoutedConversation> values =
                new ConfluentAvroDeserializer<>(new SchemaRegistryClient(registryUrl), RoutedConversation.class);
        try (KafkaConsumer<String, RoutedConversation> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<RoutedConversation> seen = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (seen.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
            }
            // A little longer, to catch a decision published twice.
            consumer.poll(Duration.ofMillis(500)).forEach(r -> seen.add(r.value()));
            seen.sort(java.util.Comparator.comparing(RoutedConversation::getEventTs));
            return seen;
        }
    }

    private static java.util.Set<String> topicNames(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listTopics().names().get();
        }
    }
}
