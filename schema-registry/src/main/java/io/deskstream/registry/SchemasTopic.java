package io.deskstream.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted, single-partition {@code _schemas} topic: appends with {@code acks=all}, and a reader thread that
 * hands every record, in order, to the store, from the beginning and then as it arrives.
 */
final class SchemasTopic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemasTopic.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Map<String, ?> connection;
    private final String bootstrapServers;
    private final TopicPartition partition;
    private final KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread reader;
    private volatile boolean running = true;

    /** @param connection {@code bootstrap.servers} and any security settings of the Kafka clients */
    SchemasTopic(Map<String, ?> connection, String topic) {
        this.connection = Map.copyOf(connection);
        this.bootstrapServers = String.valueOf(connection.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
        this.partition = new TopicPartition(topic, 0);
        this.producer = new KafkaProducer<>(with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "deskstream-schema-registry")),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The connection's settings with {@code own} on top. */
    private Map<String, Object> with(Map<String, Object> own) {
        Map<String, Object> config = new HashMap<>(connection);
        config.putAll(own);
        return config;
    }

    /** Creates the topic if needed, then starts reading; returns the end offset at start. */
    long startReading(SchemaStore store) throws InterruptedException {
        createIfMissing();
        consumer = new KafkaConsumer<>(with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "deskstream-schema-registry-reader")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        reader = new Thread(() -> read(store), "deskstream-schema-registry-reader");
        reader.setDaemon(true);
        reader.start();
        return end;
    }

    private void read(SchemaStore store) {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        store.apply(record);
                    } catch (RuntimeException e) {
                        LOG.warn("schema registry record at offset {} left out: {}", record.offset(), e.getMessage());
                        store.readUpTo(record.offset() + 1);
                    }
                }
                // Compaction and transaction markers leave gaps in offsets; the position says what has been read.
                store.readUpTo(consumer.position(partition));
            }
        } catch (WakeupException stopping) {
            // close() wakes the consumer to end the loop
        } finally {
            consumer.close();
        }
    }

    Future<RecordMetadata> append(byte[] key, byte[] value) {
        return producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), key, value));
    }

    private void createIfMissing() throws InterruptedException {
        try (Admin admin = Admin.create(with(Map.of()))) {
            Set<String> topics = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (topics.contains(partition.topic())) {
                return;
            }
            int brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
            NewTopic topic = new NewTopic(partition.topic(), 1, (short) Math.min(3, brokers))
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the schemas topic " + partition.topic() + " on "
                        + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the Kafka cluster at " + bootstrapServers + " did not answer within "
                    + TIMEOUT_SECONDS + " s", e);
        }
    }

    @Override
    public void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close();
    }
}
