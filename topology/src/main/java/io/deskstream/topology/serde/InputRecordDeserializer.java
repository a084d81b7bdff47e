package io.deskstream.topology.serde;

import io.deskstream.schemas.wire.ConfluentAvroDeserializer;
import io.deskstream.schemas.wire.SchemaRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/** Decodes an input event from the Confluent wire format and keeps its bytes beside it. */
public final class InputRecordDeserializer implements Deserializer<InputRecord> {

    private final ConfluentAvroDeserializer<SpecificRecord> avro;

    /** @param type the event class of the topic, e.g. {@code TicketEvent}; older writer schemas resolve to it */
    public <T extends SpecificRecord> InputRecordDeserializer(SchemaRegistry registry, Class<T> type) {
        @SuppressWarnings("unchecked")
        Class<SpecificRecord> asRecord = (Class<SpecificRecord>) (Class<?>) type;
        this.avro = new ConfluentAvroDeserializer<>(registry, asRecord);
    }

    @Override
    public InputRecord deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            throw new SerializationException("an input event has no value (a tombstone on " + topic + ")");
        }
        return new InputRecord(avro.deserialize(topic, bytes), bytes);
    }
}
