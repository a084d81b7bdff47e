package io.deskstream.schemas.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;

/**
 * Avro binary encoding through a buffered encoder and buffer that each thread reuses: serialisers run for every
 * record and state change written, and a fresh unbuffered encoder per value writes byte by byte.
 */
public final class AvroBytes {

    /** A buffer grown past this by one large value is not kept for the next. */
    private static final int KEPT_BUFFER_BYTES = 1 << 20;
    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    private AvroBytes() {
    }

    /** The bytes of {@code header} (may be empty) followed by {@code value} in Avro binary. */
    public static <T> byte[] encode(byte[] header, DatumWriter<T> writer, T value) throws IOException {
        Buffer buffer = BUFFERS.get();
        buffer.out.reset();
        buffer.out.write(header, 0, header.length);
        buffer.encoder = EncoderFactory.get().binaryEncoder(buffer.out, buffer.encoder);
        try {
            writer.write(value, buffer.encoder);
            buffer.encoder.flush();
        } catch (IOException | RuntimeException e) {
            // The encoder may still hold the failed value's bytes, and would write them before the next value.
            BUFFERS.remove();
            throw e;
        }
        byte[] bytes = buffer.out.toByteArray();
        if (bytes.length > KEPT_BUFFER_BYTES) {
            BUFFERS.remove();
        }
        return bytes;
    }

    private static final class Buffer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        private BinaryEncoder encoder;
    }
}
