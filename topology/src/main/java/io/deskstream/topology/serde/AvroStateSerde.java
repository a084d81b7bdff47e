package io.deskstream.topology.serde;

import java.io.IOException;

import io.deskstream.schemas.wire.StateCodec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The topology's own state (stores, their changelogs, the internal report-cell-shares topic) in Avro's single-object
 * encoding ({@link StateCodec}): every value names its writer schema, so that a newer version of deskstream restores
 * what an older one wrote, resolving the schemas.
 */
public final class AvroStateSerde<T extends SpecificRecord> implements Serde<T> {

    private final StateCodec<T> codec;

    public AvroStateSerde(Class<T> type) {
        this.codec = new StateCodec<>(type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return codec.encode(value);
            } catch (IOException e) {
                throw new SerializationException("cannot write state " + value.getSchema().getName(), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return codec.decode(bytes);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot read state from " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
