package io.deskstream.launcher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * What the processing wrote to Kafka between two moments, topic by topic: records (offsets, transaction markers
 * included: they are written too) and bytes of log. Compaction may shrink a log meanwhile; changelog segments close
 * at 64 MiB, so a benchmark's writes are mostly still there to be counted.
 *
 * @param records per topic, the offsets taken
 * @param bytes   per topic, the log size on the brokers, replicas included
 */
record TopicWrites(Map<String, Long> records, Map<String, Long> bytes) {

    /** Ends and sizes of every topic but {@code ignored} (the input the writes are counted against). */
    static TopicWrites now(Admin admin, Collection<String> ignored) throws Exception {
        Set<String> topics = admin.listTopics().names().get().stream()
                .filter(t -> !ignored.contains(t)).collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
                description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                        OffsetSpec.latest())));
        Map<String, Long> records = new TreeMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end
                : admin.listOffsets(latest).all().get().entrySet()) {
            records.merge(end.getKey().topic(), end.getValue().offset(), Long::sum);
        }
        Map<String, Long> bytes = new TreeMap<>();
        List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
        for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
            for (LogDirDescription dir : dirs.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                    if (topics.contains(replica.getKey().topic())) {
                        bytes.merge(replica.getKey().topic(), replica.getValue().size(), Long::sum);
                    }
                }
            }
        }
        return new TopicWrites(records, bytes);
    }

    /** What was written since {@code before}. */
    TopicWrites since(TopicWrites before) {
        Map<String, Long> r = new TreeMap<>();
        records.forEach((t, n) -> r.put(t, n - before.records.getOrDefault(t, 0L)));
        Map<String, Long> b = new TreeMap<>();
        bytes.forEach((t, n) -> b.put(t, Math.max(0, n - before.bytes.getOrDefault(t, 0L))));
        return new TopicWrites(r, b);
    }

    long totalRecords() {
        return records.values().stream().mapToLong(Long::longValue).sum();
    }

    long totalBytes() {
        return bytes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The topics that took the most records, most first, with their records and bytes per event. */
    List<String> largest(int count, long events, String prefix) {
        List<String> lines = new ArrayList<>();
        records.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(count)
                .forEach(e -> lines.add(String.format("  %-44s %6.3f records  %7.1f bytes per event",
                        e.getKey().startsWith(prefix) ? e.getKey().substring(prefix.length()) : e.getKey(),
                        e.getValue() / (double) events, bytes.getOrDefault(e.getKey(), 0L) / (double) events)));
        return lines;
    }
}
