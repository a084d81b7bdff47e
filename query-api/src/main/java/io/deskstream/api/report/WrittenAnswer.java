package io.deskstream.api.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * A report answer as sent: its bytes, and the same gzip-compressed, compressed once for every client that accepts
 * it. A report of a few hundred rows is a few hundred kilobytes of JSON that compress about tenfold; compressing it
 * for each request, as the server would on its own, costs more than answering it.
 */
public final class WrittenAnswer {

    private final byte[] bytes;
    private volatile byte[] gzipped;

    WrittenAnswer(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The answer uncompressed. */
    public byte[] bytes() {
        return bytes;
    }

    /** The answer gzip-compressed; the first caller compresses, at most a few at once, and all later ones reuse it. */
    public byte[] gzipped() {
        byte[] compressed = gzipped;
        if (compressed == null) {
            // Two first callers at once may both compress; both results are equal, and either is kept.
            compressed = gzip(bytes);
            gzipped = compressed;
        }
        return compressed;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 8 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("an answer could not be compressed in memory", e);
        }
        return out.toByteArray();
    }
}
