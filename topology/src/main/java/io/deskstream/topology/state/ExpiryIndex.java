package io.deskstream.topology.state;

import java.time.Instant;
import java.util.function.Predicate;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keys of another store by the day of their time, so that forgetting what is older than a cutoff reads only what is
 * old instead of every key: {@code <epoch day>\u001f<key>}, the day zero-padded so that a key range is a time range.
 *
 * <p>A key is indexed when it is added and again when its time moves to a later day; the entry of the earlier day is
 * left in place (removing it would cost a write per move) and is found stale, and removed, when its day is swept.
 * A key's time is the day it is indexed under at the earliest, so a sweep finds it no later than a day after it
 * became old enough.
 */
public final class ExpiryIndex {

    private static final char SEPARATOR = '\u001f';
    private static final int DAY_DIGITS = 8;
    private static final byte[] PRESENT = new byte[0];

    private final KeyValueStore<String, byte[]> index;

    public ExpiryIndex(KeyValueStore<String, byte[]> index) {
        this.index = index;
    }

    /** Indexes a new key under the day of {@code time}. */
    public void add(String key, Instant time) {
        index.put(entry(day(time), key), PRESENT);
    }

    /** A key's time moved from {@code before} to {@code after}; indexes it again only when the day changed. */
    public void moved(String key, Instant before, Instant after) {
        if (before == null || day(after) > day(before)) {
            add(key, after);
        }
    }

    /**
     * Hands the keys indexed on days before {@code cutoff}'s day to {@code forget}, oldest first, at most
     * {@code budget} of them; {@code forget} checks the key's time itself (an entry may be stale) and returns whether
     * it is done with the key, in which case the entry goes. A key it is not done with ends the sweep: the rest waits
     * for the next one.
     *
     * @return how many keys it handed over
     */
    public int sweep(Instant cutoff, int budget, Predicate<String> forget) {
        int handed = 0;
        if (cutoff.isBefore(Instant.EPOCH)) {
            return handed; // nothing is older: before the first event, stream time minus the retention is before 1970
        }
        try (KeyValueIterator<String, byte[]> old = index.range(prefix(0), prefix(day(cutoff)))) {
            while (old.hasNext() && handed < budget) {
                KeyValue<String, byte[]> entry = old.next();
                handed++;
                if (!forget.test(entry.key.substring(entry.key.indexOf(SEPARATOR) + 1))) {
                    break;
                }
                index.delete(entry.key);
            }
        }
        return handed;
    }

    private static long day(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), 86_400L);
    }

    private static String entry(long day, String key) {
        return prefix(day) + key;
    }

    private static String prefix(long day) {
        String digits = Long.toString(Math.max(0, day));
        return "0".repeat(Math.max(0, DAY_DIGITS - digits.length())) + digits + SEPARATOR;
    }
}
