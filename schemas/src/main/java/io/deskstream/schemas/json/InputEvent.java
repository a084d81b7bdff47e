package io.deskstream.schemas.json;

import java.time.Instant;
import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;

/**
 * One valid input event, ready for its topic.
 *
 * @param stream the input stream, which decides the topic
 * @param key    the record key: the conversation id (a rating's ticket id)
 * @param id     the event id
 * @param ts     the event time, also the Kafka record timestamp
 * @param value  the Avro record ({@code TicketEvent}, {@code ChatEvent}, {@code CallEvent} or {@code RatingEvent})
 */
public record InputEvent(EventStream stream, String key, String id, Instant ts, SpecificRecord value) {

    public InputEvent {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(value, "value");
    }
}
