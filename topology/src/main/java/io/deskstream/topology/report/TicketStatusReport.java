package io.deskstream.topology.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.deskstream.topology.metrics.TicketStatusCounts;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The tickets of each department by status now (api.md, ticket-status), from the counters every partition keeps. */
public final class TicketStatusReport {

    private static final List<String> STATUSES = List.of("new", "open", "answered", "resolved");

    private TicketStatusReport() {
    }

    /** @param departments the departments to show, empty for all */
    public static List<Map<String, Object>> rows(ReadOnlyKeyValueStore<String, Long> counts, Set<String> departments) {
        Map<String, Long> all = new TreeMap<>();
        addCounts(counts, all);
        return rows(all, departments);
    }

    /** Adds the store's counters into {@code into}. */
    private static void addCounts(ReadOnlyKeyValueStore<String, Long> counts, Map<String, Long> into) {
        try (KeyValueIterator<String, Long> all = counts.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                into.merge(entry.key, entry.value, Long::sum);
            }
        }
    }

    /** One row per department of added-up counters, every status shown. */
    public static List<Map<String, Object>> rows(Map<String, Long> counters, Set<String> departments) {
        Map<String, Map<String, Long>> byDepartment = new TreeMap<>();
        counters.forEach((counter, count) -> {
            String[] key = TicketStatusCounts.parse(counter);
            if (departments.isEmpty() || departments.contains(key[0])) {
                byDepartment.computeIfAbsent(key[0], d -> new TreeMap<>()).merge(key[1], count, Long::sum);
            }
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        byDepartment.forEach((department, statuses) -> {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("department", department);
            STATUSES.forEach(status -> row.put(status, statuses.getOrDefault(status, 0L)));
            rows.add(row);
        });
        return rows;
    }
}
