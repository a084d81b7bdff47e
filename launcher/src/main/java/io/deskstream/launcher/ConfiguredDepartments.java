package io.deskstream.launcher;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ids of the departments configured now, read from the departments topic (a tombstone deletes). At start every
 * configured department must have its topic of routing decisions before the topology publishes to it.
 */
final class ConfiguredDepartments {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private ConfiguredDepartments() {
    }

    /** @param connection {@code bootstrap.servers} and the security settings of the Kafka clients */
    static Set<String> read(Map<String, Object> connection, String topic) {
        Set<String> ids = new TreeSet<>();
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the departments topic " + topic + " within "
                            + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() == null) {
                        continue;
                    }
                    String id = new String(record.key(), StandardCharsets.UTF_8);
                    if (record.value() == null) {
                        ids.remove(id);
                    } else {
                        ids.add(id);
                    }
                }
            }
        }
        return ids;
    }
}
