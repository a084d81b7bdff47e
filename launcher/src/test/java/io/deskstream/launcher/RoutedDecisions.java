package io.deskstream.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.deskstream.schemas.output.RoutedConversation;
import io.deskstream.schemas.wire.ConfluentAvroDeserializer;
import io.deskstream.schemas.wire.SchemaRegistryClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The routing decisions on {@code routed-tickets} as a downstream consumer reads them (committed records only), in
 * a form to compare: per copy of the conformance week ({@link ConformanceCopies}), each decision with the copy's
 * prefix taken off its ids.
 */
final class RoutedDecisions {

    /** One decision, its ids without the copy's prefix. */
    record Decision(String kind, String conversationId, String decision, String department, String eventId,
                    long eventTs) {
        String conversationKey() {
            return kind + ":" + conversationId;
        }
    }

    private final Map<Integer, List<Decision>> byCopy;

    private RoutedDecisions(Map<Integer, List<Decision>> byCopy) {
        this.byCopy = byCopy;
    }

    /** Reads {@code topic} from its start to its last committed record. */
    static RoutedDecisions read(String bootstrapServers, String registryUrl, String topic) {
        ConfluentAvroDeserializer<RoutedConversation> values =
                new ConfluentAvroDeserializer<>(new SchemaRegistryClient(registryUrl), RoutedConversation.class);
        Map<Integer, List<Decision>> byCopy = new TreeMap<>();
        try (KafkaConsumer<String, RoutedConversation> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000), new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // For a read_committed consumer the end is the last stable offset: every transaction before it is decided.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 2 minutes");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    RoutedConversation routed = record.value();
                    int copy = copyOf(routed.getConversationId());
                    String prefix = copy == 0 ? "" : ConformanceCopies.prefix(copy);
                    byCopy.computeIfAbsent(copy, c -> new ArrayList<>()).add(new Decision(
                            routed.getKind().name(), routed.getConversationId().substring(prefix.length()),
                            routed.getDecision().name(), routed.getDepartment(),
                            routed.getEventId().startsWith(prefix) ? routed.getEventId().substring(prefix.length())
                                    : routed.getEventId(),
                            routed.getEventTs().toEpochMilli() + Duration.ofDays(7L * copy).toMillis()));
                });
            }
        }
        return new RoutedDecisions(byCopy);
    }

    /** The copy a conversation id belongs to: n for {@code wn.}, 0 for the week itself. */
    private static int copyOf(String conversationId) {
        java.util.regex.Matcher prefix = java.util.regex.Pattern.compile("^w(\\d+)\\.").matcher(conversationId);
        return prefix.find() ? Integer.parseInt(prefix.group(1)) : 0;
    }

    /** The decisions of copy {@code copy} (0: the week itself), ordered as a comparison needs. */
    List<Decision> ofCopy(int copy) {
        return byCopy.getOrDefault(copy, List.of()).stream()
                .sorted(Comparator.comparing(Decision::conversationKey).thenComparing(Decision::eventId)
                        .thenComparing(Decision::decision))
                .toList();
    }

    /** The copies that have decisions, the week itself (0) included. */
    java.util.Set<Integer> copies() {
        return byCopy.keySet();
    }

    /** Decisions found more than once (same conversation, event and decision), with how often. */
    Map<Decision, Integer> doubled() {
        Map<Decision, Integer> doubled = new HashMap<>();
        for (int copy : byCopy.keySet()) {
            Map<Decision, Integer> counts = new HashMap<>();
            byCopy.get(copy).forEach(d -> counts.merge(d, 1, Integer::sum));
            counts.forEach((d, n) -> {
                if (n > 1) {
                    doubled.put(d, n);
                }
            });
        }
        return doubled;
    }

    /** Of copy {@code copy}: per conversation, the department of its last decision (by event time). */
    Map<String, String> finalDepartments(int copy) {
        Map<String, Decision> last = new HashMap<>();
        for (Decision d : byCopy.getOrDefault(copy, List.of())) {
            last.merge(d.conversationKey(), d, (a, b) -> b.eventTs() >= a.eventTs() ? b : a);
        }
        Map<String, String> departments = new TreeMap<>();
        last.forEach((key, d) -> departments.put(key, d.department()));
        return departments;
    }

    /** Of copy {@code copy}: per conversation, how many {@code created} decisions it has. */
    Map<String, Integer> creations(int copy) {
        Map<String, Integer> created = new TreeMap<>();
        byCopy.getOrDefault(copy, List.of()).stream().filter(d -> d.decision().equals("created"))
                .forEach(d -> created.merge(d.conversationKey(), 1, Integer::sum));
        return created;
    }
}
