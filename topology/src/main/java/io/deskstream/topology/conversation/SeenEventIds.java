package io.deskstream.topology.conversation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import io.deskstream.schemas.state.SeenEvents;
import org.apache.commons.codec.digest.MurmurHash3;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Recognises a repeated event of a conversation (or of a ticket's ratings) by its id (events.md: a second event with
 * the same id is ignored), in constant time and with a bound on the bytes each conversation carries.
 *
 * <p>The latest {@value #RING} ids live in the state value itself, as 128-bit hashes (16 bytes each, so at most
 * {@value #RING_BYTES} bytes whatever the ids look like): a lookup compares at most that many hashes, and almost every
 * conversation never has more events than that. Ids pushed out of that ring go to the {@code event-ids} store, one
 * entry each, which a lookup asks only when the conversation has pushed ids out. A conversation of 100,000 events thus
 * keeps 4 KiB in its value and 99,744 small entries in the store, all forgotten with it. The hashes of two different
 * ids collide with a probability of about 2^-128.
 */
public final class SeenEventIds {

    public static final int RING = 256;
    private static final int HASH_BYTES = 16;
    public static final int RING_BYTES = RING * HASH_BYTES;
    private static final char SEPARATOR = '\u001f';
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, byte[]> spilled;

    public SeenEventIds(KeyValueStore<String, byte[]> spilled) {
        this.spilled = spilled;
    }

    public static SeenEvents none() {
        return new SeenEvents(ByteBuffer.allocate(0), 0, 0L);
    }

    /** Whether {@code eventId} was remembered for {@code scope} (a conversation's or a ticket's ratings' key). */
    public boolean seen(String scope, SeenEvents seen, String eventId) {
        long[] hash = hash(eventId);
        ByteBuffer recent = seen.getRecent();
        for (int at = recent.position(); at + HASH_BYTES <= recent.limit(); at += HASH_BYTES) {
            if (recent.getLong(at) == hash[0] && recent.getLong(at + Long.BYTES) == hash[1]) {
                return true;
            }
        }
        return seen.getSpilled() > 0 && spilled.get(spillKey(scope, hash)) != null;
    }

    /** Remembers {@code eventId}; once the ring is full, the oldest id in it moves to the store. */
    public void remember(String scope, SeenEvents seen, String eventId) {
        long[] hash = hash(eventId);
        ByteBuffer recent = seen.getRecent();
        int size = recent.remaining();
        if (size < RING_BYTES) {
            ByteBuffer grown = ByteBuffer.allocate(size + HASH_BYTES);
            grown.put(recent.duplicate()).putLong(hash[0]).putLong(hash[1]).flip();
            seen.setRecent(grown);
            return;
        }
        // Full: the hash at `next` is the oldest; it moves to the store and the new one takes its place.
        ByteBuffer ring = ByteBuffer.allocate(RING_BYTES);
        ring.put(recent.duplicate()).flip();
        int at = seen.getNext() * HASH_BYTES;
        spilled.put(spillKey(scope, new long[] {ring.getLong(at), ring.getLong(at + Long.BYTES)}), new byte[0]);
        ring.putLong(at, hash[0]).putLong(at + Long.BYTES, hash[1]);
        seen.setRecent(ring);
        seen.setNext((seen.getNext() + 1) % RING);
        seen.setSpilled(seen.getSpilled() + 1);
    }

    /**
     * Forgets up to {@code budget} ids of {@code scope} kept in the store; returns how many it forgot. The scope is
     * forgotten completely when that is less than the budget.
     */
    public int forget(String scope, SeenEvents seen, int budget) {
        if (seen.getSpilled() == 0) {
            return 0;
        }
        int forgotten = 0;
        try (KeyValueIterator<String, byte[]> ids = spilled.prefixScan(scope + SEPARATOR, KEYS)) {
            while (ids.hasNext() && forgotten < budget) {
                spilled.delete(ids.next().key);
                forgotten++;
            }
        }
        return forgotten;
    }

    private static String spillKey(String scope, long[] hash) {
        return scope + SEPARATOR + HexFormat.of().toHexDigits(hash[0]) + HexFormat.of().toHexDigits(hash[1]);
    }

    private static long[] hash(String eventId) {
        return MurmurHash3.hash128x64(eventId.getBytes(StandardCharsets.UTF_8));
    }
}
