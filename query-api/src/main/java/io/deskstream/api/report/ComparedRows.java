package io.deskstream.api.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.deskstream.topology.report.CellTotals;
import io.deskstream.topology.report.DepartmentReport;
import io.deskstream.topology.report.ReportQuery;

/**
 * A report's rows with the compared range's beside them: each row gains {@code previous}, the columns of the row of
 * the same group (department, channel, agent as grouped) in the bucket at the same position of the compared range,
 * that bucket included. A group active in only one of the two ranges still has its row: the side without activity
 * shows zero counts and no means or percentiles.
 */
final class ComparedRows {

    static final String PREVIOUS = "previous";

    private ComparedRows() {
    }

    /**
     * @param rows         the report's rows, as {@link DepartmentReport#rows} gives them for {@code query}
     * @param previousRows the rows of {@code compared}, the same question over the compared range
     * @param maxRows      the most rows the answer may have; more answers 400
     */
    static List<Map<String, Object>> of(ReportQuery query, List<Map<String, Object>> rows, ReportQuery compared,
                                        List<Map<String, Object>> previousRows, int maxRows) {
        BucketPositions positions = new BucketPositions(query);
        BucketPositions previousPositions = new BucketPositions(compared);
        Map<List<Object>, Map<String, Object>> previousByGroup = new LinkedHashMap<>();
        for (Map<String, Object> previous : previousRows) {
            previousByGroup.put(group(query, previous, previousPositions), previous);
        }
        List<Map<String, Object>> merged = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            List<Object> group = group(query, row, positions);
            Map<String, Object> withPrevious = new LinkedHashMap<>(row);
            withPrevious.put(PREVIOUS, columns(previousByGroup.remove(group),
                    previousPositions.at((Integer) group.get(0))));
            merged.add(withPrevious);
        }
        previousByGroup.forEach((group, previous) -> {
            Instant bucket = positions.at((Integer) group.get(0));
            if (bucket != null) { // a compared range with more buckets: those past the range's last have no row
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("bucket", bucket.toString());
                for (String dimension : query.groupBy()) {
                    row.put(dimension, previous.get(dimension));
                }
                row.putAll(new CellTotals().columns());
                row.put(PREVIOUS, columns(previous, Instant.parse((String) previous.get("bucket"))));
                merged.add(row);
            }
        });
        if (merged.size() > maxRows) {
            throw ReportGroups.tooManyRows(maxRows);
        }
        merged.sort(DepartmentReport.order(query.sort()));
        return merged;
    }

    /** The bucket's position, then the grouped dimensions' values. */
    private static List<Object> group(ReportQuery query, Map<String, Object> row, BucketPositions positions) {
        List<Object> group = new ArrayList<>();
        group.add(positions.of(Instant.parse((String) row.get("bucket"))));
        for (String dimension : query.groupBy()) {
            group.add(row.get(dimension));
        }
        return group;
    }

    /** The compared columns: its bucket, then every column, zero counts where the compared range had no activity. */
    private static Map<String, Object> columns(Map<String, Object> previous, Instant bucket) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("bucket", bucket == null ? null : bucket.toString());
        Map<String, Object> values = previous == null ? new CellTotals().columns() : previous;
        for (String column : CellTotals.COLUMNS) {
            columns.put(column, values.get(column));
        }
        return columns;
    }

    /** A row with its {@code previous} columns beside its own as {@code previous_<column>}, as CSV has them. */
    static Map<String, Object> flat(Map<String, Object> row) {
        Map<String, Object> flat = new LinkedHashMap<>(row);
        @SuppressWarnings("unchecked")
        Map<String, Object> previous = (Map<String, Object>) flat.remove(PREVIOUS);
        if (previous != null) {
            previous.forEach((column, value) -> flat.put(PREVIOUS + "_" + column, value));
        }
        return flat;
    }
}
