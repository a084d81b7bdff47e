package io.deskstream.api.cluster;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.api.ApiJson;
import io.deskstream.topology.report.TicketStatusReport;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Counters by key (ticket statuses by department, dead letters by reason), added up across partitions. */
public final class CounterPartial implements Partial<Long, Map<String, Long>> {

    @Override
    public Map<String, Long> empty() {
        return new TreeMap<>();
    }

    @Override
    public void addStore(ReadOnlyKeyValueStore<String, Long> store, Map<String, Long> into) {
        TicketStatusReport.addCounts(store, into);
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
