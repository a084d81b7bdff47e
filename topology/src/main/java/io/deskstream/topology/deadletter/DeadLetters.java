package io.deskstream.topology.deadletter;

import java.nio.charset.StandardCharsets;

import io.deskstream.topology.DeadLetterHeaders;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds the headers of a record refused by the topology. */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static Headers headers(String reason, String error, String topic, int partition, long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REASON, utf8(reason));
        headers.add(DeadLetterHeaders.ERROR, utf8(error));
        headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(topic));
        headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(String.valueOf(partition)));
        headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(String.valueOf(offset)));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }
}
