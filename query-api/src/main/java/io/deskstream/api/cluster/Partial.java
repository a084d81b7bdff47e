package io.deskstream.api.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A part of an answer that adds up across partitions and instances: report groups, counters. Each instance adds its
 * partitions' stores; the instance that was asked adds the others' parts, sent as JSON.
 *
 * @param <V> the store's values
 * @param <T> the part, mutable, added into
 */
public interface Partial<V, T> {

    T empty();

    void addStore(ReadOnlyKeyValueStore<String, V> store, T into);

    JsonNode toJson(T part);

    void addJson(JsonNode json, T into);
}
