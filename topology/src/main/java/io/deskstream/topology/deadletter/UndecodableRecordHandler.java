package io.deskstream.topology.deadletter;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be decoded (not the Confluent wire format, an unknown schema id, bytes that are not the
 * schema's) goes to the dead-letter topic, bytes unchanged, with reason {@code undecodable}; processing goes on.
 * The dead letter is written in the same transaction as the progress past it.
 */
public final class UndecodableRecordHandler implements DeserializationExceptionHandler {

    /** The configuration key naming the dead-letter topic. */
    public static final String DEAD_LETTER_TOPIC_CONFIG = "deskstream.dead.letter.topic";
    public static final String REASON = "undecodable";
    private static final Logger LOG = LoggerFactory.getLogger(UndecodableRecordHandler.class);

    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(DEAD_LETTER_TOPIC_CONFIG);
        if (topic == null) {
            throw new IllegalArgumentException("missing " + DEAD_LETTER_TOPIC_CONFIG);
        }
        deadLetterTopic = topic.toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        LOG.debug("undecodable record at {}-{}@{}", record.topic(), record.partition(), record.offset(), exception);
        String error = exception.getMessage() == null ? exception.toString() : exception.getMessage();
        ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(deadLetterTopic, null, record.timestamp(), record.key(),
                record.value(), DeadLetters.headers(REASON, error, record.topic(), record.partition(), record.offset()));
        return Response.resume(List.of(deadLetter));
    }
}
