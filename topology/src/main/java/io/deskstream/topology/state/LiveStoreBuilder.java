package io.deskstream.topology.state;

import java.util.Map;

import org.apache.kafka.streams.state.StoreBuilder;

/** Declares a {@link LiveStore} in a topology. It has no changelog and no cache of its own: it is the cache. */
public final class LiveStoreBuilder<V> implements StoreBuilder<LiveStore<V>> {

    private final String name;
    private final int capacity;

    public LiveStoreBuilder(String name, int capacity) {
        this.name = name;
        this.capacity = capacity;
    }

    @Override
    public StoreBuilder<LiveStore<V>> withCachingEnabled() {
        throw new UnsupportedOperationException("a live store is a cache already");
    }

    @Override
    public StoreBuilder<LiveStore<V>> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<LiveStore<V>> withLoggingEnabled(Map<String, String> config) {
        throw new UnsupportedOperationException("a live store is logged through its backing store");
    }

    @Override
    public StoreBuilder<LiveStore<V>> withLoggingDisabled() {
        return this;
    }

    @Override
    public LiveStore<V> build() {
        return new LiveStore<>(name, capacity);
    }

    @Override
    public Map<String, String> logConfig() {
        return Map.of();
    }

    @Override
    public boolean loggingEnabled() {
        return false;
    }

    @Override
    public String name() {
        return name;
    }
}
