package io.deskstream.schemas.wire;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;

/** The 5-byte header of the Confluent wire format: magic byte 0 and the schema id as a big-endian int. */
public final class ConfluentWireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private ConfluentWireFormat() {
    }

    /** Writes the header for {@code schemaId} into the first five bytes of {@code target}. */
    public static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }

    /** The schema id of a framed payload, after checking the magic byte and length. */
    public static int schemaId(byte[] payload) {
        if (payload.length < HEADER_LENGTH) {
            throw new SerializationException("not in the Confluent wire format: " + payload.length
                    + " bytes, fewer than the 5-byte header (magic byte 0 and a 4-byte schema id)");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new SerializationException("not in the Confluent wire format: the first byte is "
                    + payload[0] + ", not the magic byte 0");
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }
}
