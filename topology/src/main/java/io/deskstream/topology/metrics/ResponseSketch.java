package io.deskstream.topology.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;

/**
 * Response-time samples kept as a DDSketch with 1% relative accuracy: small, and mergeable across hours,
 * partitions and instances, so any range's percentiles come from its hours' sketches.
 */
public final class ResponseSketch {

    public static final double RELATIVE_ACCURACY = 0.01;

    private ResponseSketch() {
    }

    public static DDSketch empty() {
        return DDSketches.unboundedDense(RELATIVE_ACCURACY);
    }

    /** Adds a sample (seconds) to an encoded sketch, null meaning empty; returns the new encoding. */
    public static ByteBuffer add(ByteBuffer encoded, double seconds) {
        DDSketch sketch = decode(encoded);
        sketch.accept(Math.max(0, seconds));
        return encode(sketch);
    }

    /** Merges an encoded sketch into {@code into}. */
    public static void mergeInto(DDSketch into, ByteBuffer encoded) {
        if (encoded != null) {
            into.mergeWith(decode(encoded));
        }
    }

    public static ByteBuffer encode(DDSketch sketch) {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new UncheckedIOException("a response sketch cannot be written", e);
        }
        return ByteBuffer.wrap(out.trimmedCopy());
    }

    static DDSketch decode(ByteBuffer encoded) {
        if (encoded == null) {
            return empty();
        }
        byte[] bytes = new byte[encoded.remaining()];
        encoded.duplicate().get(bytes);
        try {
            return DDSketch.decode(ByteArrayInput.wrap(bytes), UnboundedSizeDenseStore::new);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored response sketch cannot be read", e);
        }
    }
}
