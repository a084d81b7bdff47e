package io.deskstream.topology.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.deskstream.topology.DeadLetterHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that makes a processor throw (a poison record: it decodes, but breaks something the processing relies on,
 * such as a department written to its topic with a time zone that does not exist) goes to the dead-letter topic,
 * its original bytes unchanged, with reason {@code processing error} and the exception's class and message in
 * headers; processing goes on with the next record, instead of the stream thread failing on it again and again.
 *
 * <p>What the failed record changed before it threw stays: the processors check what they can before changing
 * anything, so in practice a poison record changes nothing.
 */
public final class PoisonRecordHandler implements ProcessingExceptionHandler {

    public static final String REASON = "processing error";
    private static final Logger LOG = LoggerFactory.getLogger(PoisonRecordHandler.class);

    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(UndecodableRecordHandler.DEAD_LETTER_TOPIC_CONFIG);
        if (topic == null) {
            throw new IllegalArgumentException("missing " + UndecodableRecordHandler.DEAD_LETTER_TOPIC_CONFIG);
        }
        deadLetterTopic = topic.toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String message = exception.getMessage() == null ? "" : exception.getMessage();
        LOG.warn("a record of {}-{}@{} failed in {} and goes to the dead letters: {}", context.topic(),
                context.partition(), context.offset(), context.processorNodeId(), exception.toString(), exception);
        if (context.sourceRawValue() == null) {
            // A punctuation failed, not a record: nothing to set aside; the next punctuation tries again.
            return Response.resume();
        }
        Headers headers = DeadLetters.headers(REASON, exception.getClass().getName() + ": " + message, context.topic(),
                context.partition(), context.offset());
        headers.add(DeadLetterHeaders.EXCEPTION_CLASS, exception.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.EXCEPTION_MESSAGE, message.getBytes(StandardCharsets.UTF_8));
        return Response.resume(List.of(new ProducerRecord<>(deadLetterTopic, null, context.timestamp(),
                context.sourceRawKey(), context.sourceRawValue(), headers)));
    }
}
