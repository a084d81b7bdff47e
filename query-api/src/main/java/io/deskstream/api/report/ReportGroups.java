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
import io.deskstream.api.ApiError;
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
 *
 * <p>The groups are counted as they are added, from this instance's stores and from the other instances' parts,
 * and adding stops with 400 as soon as they are more than the row limit: a report has at most one row per group, and
 * the rows of a question too large to answer are never built. Each instance's part is bounded the same way.
 */
final class ReportGroups implements Partial<MetricCell, Map<List<Object>, CellTotals>> {

    private static final AvroStateSerde<MetricCell> CELLS = new AvroStateSerde<>(MetricCell.class);

    private final ReportQuery query;
    private final Caller caller;
    private final int maxRows;

    /** @param maxRows the most groups, and so rows, an answer may have ({@code --max-report-rows}) */
    ReportGroups(ReportQuery query, Caller caller, int maxRows) {
        this.query = query;
        this.caller = caller;
        this.maxRows = maxRows;
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
        try {
            DepartmentReport.addGroups(query, store, into, maxRows);
        } catch (DepartmentReport.TooManyGroupsException e) {
            throw tooManyRows(maxRows);
        }
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
            if (into.size() > maxRows) {
                throw tooManyRows(maxRows);
            }
        }
    }

    /** The answer to a question whose rows would be more than the limit: 400, saying how to narrow it. */
    static ApiError tooManyRows(int maxRows) {
        return ApiError.badRequest("the report asked has more than " + maxRows + " rows, the most one answer gives"
                + " (--max-report-rows); narrow the question: a coarser granularity (day, week or month instead of"
                + " hour), fewer groupBy dimensions (agent makes the most rows), a filter (department, channel,"
                + " agent), or a shorter range from-to");
    }
}
