package io.deskstream.ingest;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.deskstream.schemas.config.AccessToken;
import io.deskstream.schemas.config.Department;
import io.deskstream.schemas.config.RoutingRule;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes departments, routing rules and agents' access tokens to their compacted topics, keyed by id; deleting writes a tombstone. Every
 * write waits for Kafka's acknowledgement, so a configuration change that returned is durable. Each wait is bounded:
 * a Kafka that is down or too slow is reported as Kafka's {@link TimeoutException}, like any failure of Kafka's own.
 */
public final class ConfigurationWriter implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;
    /** The longest a send waits for the topic's metadata (Kafka unreachable) before it fails. */
    private static final int MAX_BLOCK_MS = 10_000;

    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;
    private final Serializer<SpecificRecord> values;
    private final TopicLayout layout;
    private final Topics topics;

    /**
     * @param connection where and how to reach Kafka: {@code bootstrap.servers} and any security settings
     *                   ({@code security.protocol}, SASL, SSL); the writer's own settings go on top
     */
    public ConfigurationWriter(Map<String, ?> connection, Serializer<SpecificRecord> values, TopicLayout layout) {
        this.values = values;
        this.layout = layout;
        this.topics = layout.topics();
        this.admin = Admin.create(new HashMap<>(connection));
        Map<String, Object> config = new HashMap<>(connection);
        config.putAll(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS,
                ProducerConfig.CLIENT_ID_CONFIG, "deskstream-configuration"));
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Creates the department's topic of routing decisions, then writes the department: the topology publishes to that
     * topic as soon as it reads the department, and must find it there.
     */
    public RecordMetadata put(Department department) {
        createTopic(layout.departmentTopic(department.getId()));
        return write(topics.departments(), department.getId(), department);
    }

    private void createTopic(NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException("Kafka did not create topic " + topic.name() + " within " + TIMEOUT_SECONDS
                    + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic.name(), e);
        }
    }

    public RecordMetadata put(RoutingRule rule) {
        return write(topics.routingRules(), rule.getId(), rule);
    }

    public RecordMetadata put(AccessToken token) {
        return write(topics.accessTokens(), token.getId(), token);
    }

    public RecordMetadata deleteToken(String id) {
        return write(topics.accessTokens(), id, null);
    }

    public RecordMetadata deleteDepartment(String id) {
        return write(topics.departments(), id, null);
    }

    public RecordMetadata deleteRule(String id) {
        return write(topics.routingRules(), id, null);
    }

    private RecordMetadata write(String topic, String id, SpecificRecord value) {
        byte[] bytes = value == null ? null : values.serialize(topic, value);
        Future<RecordMetadata> sent =
                producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), bytes));
        try {
            return sent.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the write to " + topic + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException("Kafka did not acknowledge the write to " + topic + " within "
                    + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
