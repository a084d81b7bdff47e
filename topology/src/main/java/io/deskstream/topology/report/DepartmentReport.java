package io.deskstream.topology.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.deskstream.schemas.state.MetricCell;
import io.deskstream.topology.metrics.CellKey;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The department report (metrics.md) for one query: the hour cells of the range, from every partition the store
 * holds, filtered, added up into the query's buckets and dimensions, with means, percents and percentiles derived
 * from the sums and sketches, rows whose counts are all 0 left out, and sorted.
 */
public final class DepartmentReport {

    private DepartmentReport() {
    }

    /** Each row: {@code bucket}, the grouped dimensions, then every column. */
    public static List<Map<String, Object>> rows(ReportQuery query, ReadOnlyKeyValueStore<String, MetricCell> cells) {
        Map<List<Object>, CellTotals> groups = new LinkedHashMap<>();
        addGroups(query, cells, groups);
        return rows(query, groups);
    }

    /**
     * Adds the store's cells of the query's range and filters into their groups: the bucket (an {@link Instant}),
     * then the grouped dimensions in the query's order. Groups from several stores (partitions, instances) add up.
     */
    public static void addGroups(ReportQuery query, ReadOnlyKeyValueStore<String, MetricCell> cells,
                                 Map<List<Object>, CellTotals> groups) {
        addGroups(query, cells, groups, Integer.MAX_VALUE);
    }

    /**
     * As {@link #addGroups(ReportQuery, ReadOnlyKeyValueStore, Map)}, but stops as soon as there would be more than
     * {@code maxGroups} groups, so that the groups of a question too large to answer are never all built.
     *
     * @throws TooManyGroupsException when the groups, those already in {@code groups} included, would be more
     */
    public static void addGroups(ReportQuery query, ReadOnlyKeyValueStore<String, MetricCell> cells,
                                 Map<List<Object>, CellTotals> groups, int maxGroups) {
        try (KeyValueIterator<String, MetricCell> range =
                     cells.range(CellKey.hourPrefix(query.from()), CellKey.hourPrefix(query.to()))) {
            while (range.hasNext()) {
                KeyValue<String, MetricCell> entry = range.next();
                CellKey cell = CellKey.parse(entry.key);
                if (kept(query, cell)) {
                    groups.computeIfAbsent(groupOf(query, cell), g -> new CellTotals()).add(entry.value);
                    if (groups.size() > maxGroups) {
                        throw new TooManyGroupsException(maxGroups);
                    }
                }
            }
        }
    }

    /** A question whose groups (and so, at most, its rows) are more than a limit. */
    public static final class TooManyGroupsException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public TooManyGroupsException(int limit) {
            super("the report has more than " + limit + " groups", null, false, false);
        }
    }

    /** The report rows of added-up groups: all-zero groups left out, sorted as the query asks. */
    public static List<Map<String, Object>> rows(ReportQuery query, Map<List<Object>, CellTotals> groups) {
        List<Map<String, Object>> rows = new ArrayList<>();
        groups.forEach((group, totals) -> {
            if (!totals.allZero()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("bucket", group.get(0).toString());
                for (int i = 0; i < query.groupBy().size(); i++) {
                    row.put(query.groupBy().get(i), group.get(i + 1));
                }
                row.putAll(totals.columns());
                rows.add(row);
            }
        });
        rows.sort(order(query.sort()));
        return rows;
    }

    private static boolean kept(ReportQuery q, CellKey cell) {
        return (q.departments().isEmpty() || q.departments().contains(cell.department()))
                && (q.channels().isEmpty() || q.channels().contains(cell.channel()))
                && (q.agents().isEmpty() || (cell.agent() != null && q.agents().contains(cell.agent())));
    }

    private static List<Object> groupOf(ReportQuery q, CellKey cell) {
        List<Object> group = new ArrayList<>();
        Instant bucket = q.granularity().bucketOf(cell.hour(), q.zone(), q.from());
        group.add(bucket);
        for (String dimension : q.groupBy()) {
            group.add(switch (dimension) {
                case "department" -> cell.department();
                case "channel" -> cell.channel();
                default -> cell.agent();
            });
        }
        return group;
    }

    /** Sorts by the given columns, nulls first, then by every remaining dimension so the order is stable. */
    public static Comparator<Map<String, Object>> order(List<String> sort) {
        Comparator<Map<String, Object>> order = (a, b) -> 0;
        List<String> keys = new ArrayList<>(sort);
        for (String tieBreak : List.of("bucket", "department", "channel", "agent")) {
            if (!keys.contains(tieBreak) && !keys.contains("-" + tieBreak)) {
                keys.add(tieBreak);
            }
        }
        for (String key : keys) {
            boolean descending = key.startsWith("-");
            String column = descending ? key.substring(1) : key;
            Comparator<Map<String, Object>> byColumn = (a, b) -> compare(a.get(column), b.get(column));
            order = order.thenComparing(descending ? byColumn.reversed() : byColumn);
        }
        return order;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return ((Comparable) a).compareTo(b);
    }
}
