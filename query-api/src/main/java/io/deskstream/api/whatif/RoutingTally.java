package io.deskstream.api.whatif;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.api.ApiJson;

/**
 * The conversations a draft of the rules routed again, added up: where they are now against where the draft puts
 * them, and a few of those that move, the same few whichever instance holds them (the first ids in key order).
 */
final class RoutingTally {

    static final int SAMPLE = 20;

    /** One conversation the draft moves, and the rules that matched each way. */
    record Moved(String key, String id, String kind, String from, String to, List<String> matchedNow,
                 List<String> matchedDraft) {
    }

    private long examined;
    private long withoutFacts;
    private boolean truncated;
    private final Map<String, Map<String, Long>> matrix = new TreeMap<>();
    private final TreeMap<String, Moved> sample = new TreeMap<>();

    long examined() {
        return examined;
    }

    void truncate() {
        truncated = true;
    }

    void withoutFacts() {
        examined++;
        withoutFacts++;
    }

    void routed(String from, String to, long count) {
        matrix.computeIfAbsent(from, f -> new TreeMap<>()).merge(to, count, Long::sum);
    }

    void routedOne(String from, String to) {
        examined++;
        routed(from, to, 1);
    }

    void moved(Moved moved) {
        sample.put(moved.key(), moved);
        if (sample.size() > SAMPLE) {
            sample.pollLastEntry();
        }
    }

    ObjectNode toJson() {
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        json.put("examined", examined);
        json.put("withoutFacts", withoutFacts);
        json.put("truncated", truncated);
        ObjectNode rows = json.putObject("matrix");
        matrix.forEach((from, tos) -> {
            ObjectNode row = rows.putObject(from);
            tos.forEach(row::put);
        });
        json.set("sample", ApiJson.MAPPER.valueToTree(sample.values()));
        return json;
    }

    void addJson(JsonNode json) {
        examined += json.path("examined").asLong();
        withoutFacts += json.path("withoutFacts").asLong();
        truncated |= json.path("truncated").asBoolean();
        json.path("matrix").fields().forEachRemaining(row ->
                row.getValue().fields().forEachRemaining(cell -> routed(row.getKey(), cell.getKey(), cell.getValue().asLong())));
        for (JsonNode m : json.path("sample")) {
            moved(new Moved(m.path("key").asText(), m.path("id").asText(), m.path("kind").asText(),
                    m.path("from").asText(), m.path("to").asText(), texts(m.path("matchedNow")),
                    texts(m.path("matchedDraft"))));
        }
    }

    /** The answer: per department now and under the draft, the moves between them, the sample. */
    Map<String, Object> answer() {
        Map<String, long[]> departments = new TreeMap<>();
        List<Map<String, Object>> moves = new ArrayList<>();
        long moved = 0;
        for (var row : matrix.entrySet()) {
            for (var cell : row.getValue().entrySet()) {
                departments.computeIfAbsent(row.getKey(), d -> new long[2])[0] += cell.getValue();
                departments.computeIfAbsent(cell.getKey(), d -> new long[2])[1] += cell.getValue();
                if (!row.getKey().equals(cell.getKey())) {
                    moved += cell.getValue();
                    Map<String, Object> move = new LinkedHashMap<>();
                    move.put("from", row.getKey());
                    move.put("to", cell.getKey());
                    move.put("conversations", cell.getValue());
                    moves.add(move);
                }
            }
        }
        moves.sort(Comparator.comparing((Map<String, Object> m) -> -(long) m.get("conversations")));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("conversations", examined);
        answer.put("withoutFacts", withoutFacts);
        answer.put("moved", moved);
        answer.put("departments", departments.entrySet().stream().map(d -> {
            Map<String, Object> department = new LinkedHashMap<>();
            department.put("department", d.getKey());
            department.put("now", d.getValue()[0]);
            department.put("draft", d.getValue()[1]);
            return department;
        }).toList());
        answer.put("moves", moves);
        answer.put("sample", sample.values().stream().map(m -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", m.id());
            one.put("kind", m.kind());
            one.put("from", m.from());
            one.put("to", m.to());
            one.put("matchedNow", m.matchedNow());
            one.put("matchedDraft", m.matchedDraft());
            return one;
        }).toList());
        answer.put("truncated", truncated);
        return answer;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }
}
