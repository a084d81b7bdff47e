package io.deskstream.schemas.wire;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format into Avro specific records. The writer's schema is fetched by id (once) and
 * resolved against the reader's class, so records written with an older schema decode with newer classes.
 */
public final class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private SchemaRegistry registry;
    private Schema readerSchema;
    private final Map<Integer, Reader<T>> readers = new ConcurrentHashMap<>();

    /** How records written with one schema are read: the writer's schema, and the reader resolving it. */
    private record Reader<T>(Schema writer, DatumReader<T> datum) {
    }

    /** For Kafka configuration; {@link #configure} must be called. */
    public ConfluentAvroDeserializer() {
    }

    /** @param type the generated class to read into; null reads into the class named by the writer schema */
    public ConfluentAvroDeserializer(SchemaRegistry registry, Class<T> type) {
        this.registry = registry;
        this.readerSchema = type == null ? null : SpecificData.get().getSchema(type);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = WireConfig.registry(configs);
        }
        if (readerSchema == null) {
            Class<?> type = WireConfig.recordType(configs, isKey);
            readerSchema = type == null ? null : SpecificData.get().getSchema(type);
        }
    }

    @Override
    public T deserialize(String topic, byte[] payload) {
        if (payload == null) {
            return null;
        }
        int id = ConfluentWireFormat.schemaId(payload);
        Reader<T> reader = readers.computeIfAbsent(id, this::readerFor);
        try {
            // A first pass only skips through the record. A string, bytes or array length in corrupt or hostile bytes
            // can be far larger than the record itself, and decoding allocates it at once (an OutOfMemoryError, which
            // stops processing); skipping allocates nothing and fails at the end of the bytes instead.
            GenericDatumReader.skip(reader.writer(), body(payload));
            return reader.datum().read(null, body(payload));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read a record of schema id " + id + " from topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    private Reader<T> readerFor(int schemaId) {
        Schema writer = registry.schemaById(schemaId);
        return new Reader<>(writer, new SpecificDatumReader<>(writer, readerSchema == null ? writer : readerSchema));
    }

    private static BinaryDecoder body(byte[] payload) {
        return DecoderFactory.get().binaryDecoder(payload, ConfluentWireFormat.HEADER_LENGTH,
                payload.length - ConfluentWireFormat.HEADER_LENGTH, null);
    }
}
