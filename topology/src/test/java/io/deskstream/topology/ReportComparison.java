package io.deskstream.topology;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares report rows with expected ones within the tolerances of the conformance README: counts exactly, means,
 * percents and call minutes to a relative 1e-6, percentiles to the sketch's relative accuracy (1%) or one rank.
 */
public final class ReportComparison {

    private static final List<String> DIMENSIONS = List.of("bucket", "department", "channel", "agent");

    private ReportComparison() {
    }

    public static List<String> differences(JsonNode expectedRows, List<Map<String, Object>> actualRows) {
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        expectedRows.forEach(row -> expected.put(key(row), row));
        Map<String, Map<String, Object>> actual = new LinkedHashMap<>();
        actualRows.forEach(row -> actual.put(key(row), row));
        List<String> differences = new ArrayList<>();
        for (String key : expected.keySet()) {
            if (!actual.containsKey(key)) {
                differences.add(key + ": missing");
                continue;
            }
            JsonNode want = expected.get(key);
            Map<String, Object> got = actual.get(key);
            for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
                String column = it.next();
                if (DIMENSIONS.contains(column)) {
                    continue;
                }
                String problem = compare(column, want.get(column), got.get(column));
                if (problem != null) {
                    differences.add(key + " " + column + ": " + problem);
                }
            }
        }
        actual.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> differences.add(k + ": unexpected row"));
        return differences;
    }

    private static String compare(String column, JsonNode want, Object got) {
        if (want.isNull() || got == null) {
            return want.isNull() && got == null ? null : "expected " + want + ", got " + got;
        }
        double w = want.asDouble();
        double g = ((Number) got).doubleValue();
        double tolerance;
        if (want.isIntegralNumber() && !column.startsWith("p")) {
            tolerance = 0;
        } else if (column.startsWith("p50_") || column.startsWith("p90_")) {
            tolerance = 0.011 * Math.abs(w);
        } else {
            tolerance = 1e-6 * Math.max(1, Math.abs(w));
        }
        return Math.abs(w - g) <= tolerance ? null : "expected " + want + ", got " + got;
    }

    private static String key(JsonNode row) {
        StringBuilder key = new StringBuilder();
        for (String d : DIMENSIONS) {
            if (row.has(d)) {
                key.append(d).append('=').append(row.get(d).isNull() ? "null" : row.get(d).asText()).append(' ');
            }
        }
        return key.toString().strip();
    }

    private static String key(Map<String, Object> row) {
        StringBuilder key = new StringBuilder();
        for (String d : DIMENSIONS) {
            if (row.containsKey(d)) {
                key.append(d).append('=').append(row.get(d)).append(' ');
            }
        }
        return key.toString().strip();
    }
}
