package io.deskstream.topology.serde;

import java.io.IOException;

import io.deskstream.schemas.wire.AvroBytes;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain Avro binary for the topology's own state stores and their changelogs. No registry: these bytes are read
 * only by the topology that wrote them, with the schema compiled into it; schema changes follow the same rule as the
 * topics' (new fields get defaults) so that a store written by an older version still restores.
 */
public final class AvroStateSerde<T extends SpecificRecord> implements Serde<T> {

    private static final byte[] NO_HEADER = new byte[0];
    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;

    public AvroStateSerde(Class<T> type) {
        // Generated classes of plain records (report cells) carry their own encoder and decoder, several times faster
        // than Avro's generic walk over the schema; Avro uses them only when asked to. The class's own model carries its
        // logical-type conversions.
        SpecificData data = SpecificData.getForClass(type);
        data.setCustomCoders(true);
        Schema schema = data.getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema, data);
        this.reader = new SpecificDatumReader<>(schema, schema, data);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return AvroBytes.encode(NO_HEADER, writer, value);
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
                return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            } catch (IOException e) {
                throw new SerializationException("cannot read state from " + topic, e);
            }
        };
    }
}
