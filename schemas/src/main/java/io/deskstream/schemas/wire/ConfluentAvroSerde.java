package io.deskstream.schemas.wire;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The serializer and deserializer of one record type in the Confluent wire format, for Kafka Streams. */
public final class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    public ConfluentAvroSerde(SchemaRegistry registry, Class<T> type) {
        this.serializer = new ConfluentAvroSerializer<>(registry);
        this.deserializer = new ConfluentAvroDeserializer<>(registry, type);
    }

    /** For Kafka configuration; {@link #configure} must be called. */
    public ConfluentAvroSerde() {
        this.serializer = new ConfluentAvroSerializer<>();
        this.deserializer = new ConfluentAvroDeserializer<>();
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
