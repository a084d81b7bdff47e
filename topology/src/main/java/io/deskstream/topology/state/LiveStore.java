package io.deskstream.topology.state;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The objects a processor works on, kept alive between records: a bounded write-back cache in front of a logged,
 * uncached key-value store (the backing store, which interactive queries and restoration use).
 *
 * <p>Why: Kafka Streams' own record cache holds bytes, so every read decodes the value and every write encodes it
 * again; the conversation processor reads and writes a conversation and a report cell or two for every event, and
 * that was most of its time. Here a value is encoded once per commit, however often it changed in between.
 *
 * <p>Exactly once: before it flushes the producer and commits the transaction, Kafka Streams calls
 * {@link #flushCache()} on every cached store of the task, so the values changed since the last commit reach the
 * backing store and its changelog in the same transaction as the input offsets that changed them. A changed value
 * evicted before that is written through at once, inside the same open transaction. A task closed after a failure
 * drops everything here ({@link #clearCache()}, {@link #close()}) and is restored from the changelog as usual.
 * {@code CachedStateStore} is Kafka Streams' internal interface for exactly this hook; the tests that crash the
 * product and compare the report would fail if a Kafka Streams upgrade stopped calling it.
 *
 * <p>One thread: only the stream thread running the task touches it.
 */
public final class LiveStore<V> implements StateStore, CachedStateStore<String, V> {

    /** Stands for a key known to have no value, so that looking up a new conversation does not go to disk twice. */
    private static final Object ABSENT = new Object();

    private final String name;
    private final int capacity;
    /**
     * The values changed since the last write-back, by key. Kept apart from {@link #values} so that writing them back
     * does not look them up there, which would reorder the least-recently-used order at every commit.
     */
    private final Map<String, V> changed = new HashMap<>();
    /** Values by key, or {@link #ABSENT}; in access order, the least recently used first. */
    private final LinkedHashMap<String, Object> values;
    private KeyValueStore<String, V> backing;
    private boolean open;
    private Runnable afterCommitWrite = () -> { };
    private Runnable afterChangesWritten = () -> { };

    /** @param capacity how many values to keep; the least recently used beyond it are written back and dropped */
    public LiveStore(String name, int capacity) {
        this.name = name;
        this.capacity = capacity;
        this.values = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                if (size() <= LiveStore.this.capacity) {
                    return false;
                }
                V unwritten = changed.remove(eldest.getKey());
                if (unwritten != null) {
                    backing.put(eldest.getKey(), unwritten);
                }
                return true;
            }
        };
    }

    /** Names the store the values are written back to; the processor calls it from its {@code init}. */
    public void attach(KeyValueStore<String, V> backing) {
        this.backing = backing;
    }

    /** The live store {@code name} of a processor, attached to {@code backing}: what a processor's {@code init} does. */
    public static <V> LiveStore<V> attached(ProcessorContext<?, ?> context, String name,
                                            KeyValueStore<String, V> backing) {
        LiveStore<V> live = context.getStateStore(name);
        live.attach(backing);
        return live;
    }

    /**
     * The value now, loaded from the backing store on a miss. The object itself, not a copy: change it only to
     * {@link #put} it back.
     */
    public V get(String key) {
        Object known = values.get(key);
        if (known != null) {
            return value(known);
        }
        V value = backing.get(key);
        values.put(key, value == null ? ABSENT : value);
        return value;
    }

    @SuppressWarnings("unchecked")
    private V value(Object known) {
        return known == ABSENT ? null : (V) known;
    }

    /** Deletes are {@link #delete}s: a null value is refused. */
    public void put(String key, V value) {
        Objects.requireNonNull(value, "a live store takes no null value; delete the key instead");
        values.put(key, value);
        changed.put(key, value);
    }

    /** Deletes at once, here and in the backing store (deletes are rare: expiry). */
    public void delete(String key) {
        values.remove(key);
        changed.remove(key);
        backing.delete(key);
    }

    /** Writes every changed value to the backing store now, so that a scan of it sees them. */
    public void writeBack() {
        if (changed.isEmpty()) {
            return;
        }
        changed.forEach(backing::put);
        changed.clear();
    }

    /** Runs {@code action} each time the values are written back for a commit, right after. */
    public void afterCommitWrite(Runnable action) {
        this.afterCommitWrite = action;
    }

    /** Runs {@code action} right after a commit's write-back, when it wrote something. */
    public void afterChangesWritten(Runnable action) {
        this.afterChangesWritten = action;
    }

    @Override
    public void flushCache() {
        boolean changes = !changed.isEmpty();
        writeBack();
        afterCommitWrite.run();
        if (changes) {
            afterChangesWritten.run();
        }
    }

    @Override
    public void clearCache() {
        values.clear();
        changed.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, V> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        clearCache();
        // Nothing to restore: the backing store restores itself from its changelog.
        context.register(root, (key, value) -> { });
        open = true;
    }

    @Override
    public void close() {
        clearCache();
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
