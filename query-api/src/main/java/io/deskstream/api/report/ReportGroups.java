package io.deskstream.api.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.api.ApiJson;
import io.deskstream.api.auth.Caller;
import io.deskstream.api.cluster.Partial;
import io.deskstream.schemas.state.MetricCell;
import io.deskstream.topology.report.CellTotals;
import io.deskstream.topology.report.DepartmentReport;
import io.deskstream.topology.report.ReportQuery;
import io.deskstream.topology.serde.AvroStateSerde;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One query's report groups as a part that adds up across partitions and instances. Between instances a group's
 * totals travel as one cell (counts, sums and sketches, Avro), so the instance that was asked derives means and
 * percentiles from everything, exactly as one instance would.
 */
final class ReportGroups implements Partial<MetricCell, Map<List<Object>, CellTotals>> {

    private static final AvroStateSerde<MetricCell> CELLS = new AvroStateSerde<>(MetricCell.class);

    private final ReportQuery query;
    private final Caller caller;

    ReportGroups(ReportQuery query, Caller caller) {
        this.query = query;
        this.caller = caller;
    }

    @Override
    public Map<List<Object>, CellTotals> empty() {
        return new LinkedHashMap<>();
    }

    @Override
    public void addStore(ReadOnlyKeyValueStore<String, MetricCell> store, Map<List<Object>, CellTotals> into) {
        if (caller.seesNothing()) {
            return; // the query's empty department filter would mean every department
        }
        DepartmentReport.addGroups(query, store, into);
    }

    @Override
    public JsonNode toJson(Map<List<Object>, CellTotals> part) {
        ArrayNode groups = ApiJson.MAPPER.createArrayNode();
        part.forEach((key, totals) -> {
            ObjectNode group = groups.addObject();
            ArrayNode keyJson = group.putArray("key");
            keyJson.add(key.get(0).toString());
            for (Object dimension : key.subList(1, key.size())) {
                keyJson.add((String) dimension);
            }
            group.put("cell", Base64.getEncoder().encodeToString(CELLS.serializer().serialize(null, totals.asCell())));
        });
        return groups;
    }

    @Override
    public void addJson(JsonNode json, Map<List<Object>, CellTotals> into) {
        for (JsonNode group : json) {
            JsonNode keyJson = group.path("key");
            List<Object> key = new ArrayList<>();
            key.add(Instant.parse(keyJson.get(0).asText()));
            for (int i = 1; i < keyJson.size(); i++) {
                key.add(keyJson.get(i).isNull() ? null : keyJson.get(i).asText());
            }
            MetricCell cell = CELLS.deserializer().deserialize(null, Base64.getDecoder().decode(group.path("cell").asText()));
            into.computeIfAbsent(key, k -> new CellTotals()).add(cell);
        }
    }
}
