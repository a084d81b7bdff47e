package io.deskstream.schemas.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * deskstream's state as Avro's single-object encoding: the marker {@code C3 01}, the writer schema's 8-byte
 * CRC-64-AVRO fingerprint (little-endian), then the Avro binary. A value written by an older version is read through
 * its writer schema, found by fingerprint in the {@link StateSchemaHistory}, resolved to the current one: a new
 * field with a default is filled in. Any Avro library reads these bytes given the schema.
 */
public final class StateCodec<T extends SpecificRecord> {

    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = 0x01;
    public static final int HEADER_BYTES = 10;

    private final Class<T> type;
    private final SpecificData data;
    private final Schema schema;
    private final long fingerprint;
    private final byte[] header;
    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;
    private final StateSchemaHistory history;
    private final Map<Long, SpecificDatumReader<T>> resolving = new ConcurrentHashMap<>();

    public StateCodec(Class<T> type, StateSchemaHistory history) {
        this.type = type;
        // Generated classes of plain records carry their own encoder and decoder, several times faster than Avro's
        // generic walk over the schema; Avro uses them only when asked to. The class's own model carries its
        // logical-type conversions.
        this.data = SpecificData.getForClass(type);
        data.setCustomCoders(true);
        this.schema = data.getSchema(type);
        this.fingerprint = StateSchemaHistory.fingerprint(schema);
        this.header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .put(MARKER_0).put(MARKER_1).putLong(fingerprint).array();
        this.writer = new SpecificDatumWriter<>(schema, data);
        this.reader = new SpecificDatumReader<>(schema, schema, data);
        this.history = history;
    }

    public StateCodec(Class<T> type) {
        this(type, StateSchemaHistory.shipped());
    }

    public byte[] encode(T value) throws IOException {
        return AvroBytes.encode(header, writer, value);
    }

    public T decode(byte[] bytes) throws IOException {
        if (bytes.length < HEADER_BYTES || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new IOException("not a single-object encoded " + type.getSimpleName() + ": no C3 01 marker");
        }
        long writtenWith = ByteBuffer.wrap(bytes, 2, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
        SpecificDatumReader<T> read = writtenWith == fingerprint ? reader : resolving.computeIfAbsent(writtenWith, this::resolvingFrom);
        return read.read(null, DecoderFactory.get().binaryDecoder(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES, null));
    }

    private SpecificDatumReader<T> resolvingFrom(long writtenWith) {
        Schema writerSchema = history.schema(writtenWith);
        if (writerSchema == null) {
            throw new IllegalStateException(type.getSimpleName() + " written with schema " + Long.toHexString(writtenWith)
                    + ", which this version of deskstream does not know (written by a newer version?)");
        }
        return new SpecificDatumReader<>(writerSchema, schema, data);
    }
}
