package io.deskstream.api;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** A read-only store over a sorted map, iterated in key order as a partition's Kafka Streams store is. */
public record SortedMapStore<V>(NavigableMap<String, V> entries) implements ReadOnlyKeyValueStore<String, V> {

    @Override
    public V get(String key) {
        return entries.get(key);
    }

    /** As Kafka Streams' stores: a range whose start is after its end is empty. */
    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        return iterator(from.compareTo(to) > 0 ? new TreeMap<>() : entries.subMap(from, true, to, true));
    }

    @Override
    public KeyValueIterator<String, V> all() {
        return iterator(entries);
    }

    @Override
    public long approximateNumEntries() {
        return entries.size();
    }

    private static <V> KeyValueIterator<String, V> iterator(NavigableMap<String, V> map) {
        Iterator<Map.Entry<String, V>> it = map.entrySet().iterator();
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<String, V> next() {
                Map.Entry<String, V> e = it.next();
                return KeyValue.pair(e.getKey(), e.getValue());
            }

            @Override
            public void close() {
            }

            @Override
            public String peekNextKey() {
                throw new UnsupportedOperationException("the tests' stores are iterated, not peeked into");
            }
        };
    }
}
