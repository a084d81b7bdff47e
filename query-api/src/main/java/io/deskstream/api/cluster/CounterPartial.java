package io.deskstream.api.cluster;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.api.ApiJson;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Counters by key (ticket statuses by department, dead letters by reason), added up across partitions; only the
 * counters a caller may see are taken.
 */
public final class CounterPartial implements Partial<Long, Map<String, Long>> {

    private final Predicate<String> visible;

    /** Every counter. */
    public CounterPartial() {
        this(key -> true);
    }

    /** @param visible which counter keys to take */
    public CounterPartial(Predicate<String> visible) {
        this.visible = visible;
    }

    @Override
    public Map<String, Long> empty() {
        return new TreeMap<>();
    }

    @Override
    public void addStore(ReadOnlyKeyValueStore<String, Long> store, Map<String, Long> into) {
        try (KeyValueIterator<String, Long> all = store.all()) {
            all.forEachRemaining(counter -> {
                if (visible.test(counter.key)) {
                    into.merge(counter.key, counter.value, Long::sum);
                }
            });
        }
    }

    @Override
    public JsonNode toJson(Map<String, Long> part) {
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        part.forEach(json::put);
        return json;
    }

    @Override
    public void addJson(JsonNode json, Map<String, Long> into) {
        json.fields().forEachRemaining(field -> into.merge(field.getKey(), field.getValue().asLong(), Long::sum));
    }
}
