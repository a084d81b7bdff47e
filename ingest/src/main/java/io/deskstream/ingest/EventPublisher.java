package io.deskstream.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.deskstream.schemas.json.InputEvent;
import io.deskstream.topology.DeadLetterHeaders;
import io.deskstream.topology.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Sends valid input events to their topics, keyed by conversation id with the event time as record timestamp, and
 * refused input to the dead-letter topic with the reason in headers.
 *
 * <p>The producer is idempotent with {@code acks=all}: a retried send never writes an event twice, and an event
 * counts as accepted only once every in-sync replica has it.
 */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final Serializer<SpecificRecord> values;
    private final Topics topics;

    /**
     * @param connection where and how to reach Kafka: {@code bootstrap.servers} and any security settings
     *                   ({@code security.protocol}, SASL, SSL); this publisher's own settings go on top
     */
    public EventPublisher(Map<String, ?> connection, Serializer<SpecificRecord> values, Topics topics) {
        this(connection, values, topics, null);
    }

    /**
     * @param maxBlock the longest one send may wait for Kafka before it fails — for a topic's metadata when no broker
     *                 answers, or for room in the producer's buffer — or null for the producer's default (60 s): an
     *                 HTTP request waits less than a bulk load may
     */
    public EventPublisher(Map<String, ?> connection, Serializer<SpecificRecord> values, Topics topics,
                          Duration maxBlock) {
        this.values = values;
        this.topics = topics;
        Map<String, Object> config = new HashMap<>(connection);
        if (maxBlock != null) {
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
        }
        config.putAll(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.CLIENT_ID_CONFIG, "deskstream-ingest"));
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Completes once the event is durably on its topic. */
    public CompletableFuture<RecordMetadata> publish(InputEvent event) {
        String topic = topicOf(event);
        byte[] value = values.serialize(topic, event.value());
        return send(new ProducerRecord<>(topic, null, event.ts().toEpochMilli(), utf8(event.key()), value));
    }

    /**
     * Completes once the refused input is durably on the dead-letter topic.
     *
     * @param original the bytes as they were received
     * @param origin   where they came from, e.g. {@code file:events.jsonl:537}
     */
    public CompletableFuture<RecordMetadata> publishRefused(byte[] original, String reason, String error, String origin) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REASON, utf8(reason));
        headers.add(DeadLetterHeaders.ERROR, utf8(error));
        headers.add(DeadLetterHeaders.ORIGIN, utf8(origin));
        return send(new ProducerRecord<>(topics.deadLetters(), null, null, null, original, headers));
    }

    /** The producer itself, for its metrics. */
    public org.apache.kafka.clients.producer.Producer<byte[], byte[]> producer() {
        return producer;
    }

    /** Blocks until everything sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    public String topicOf(InputEvent event) {
        return switch (event.stream()) {
            case TICKET -> topics.ticketEvents();
            case CHAT -> topics.chatEvents();
            case CALL -> topics.callEvents();
            case RATING -> topics.ratingEvents();
        };
    }

    private CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                acked.completeExceptionally(error);
            } else {
                acked.complete(metadata);
            }
        });
        return acked;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
