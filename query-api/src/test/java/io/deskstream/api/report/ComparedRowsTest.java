package io.deskstream.api.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.deskstream.api.ApiError;
import io.deskstream.topology.report.CellTotals;
import io.deskstream.topology.report.Granularity;
import io.deskstream.topology.report.ReportQuery;
import org.junit.jupiter.api.Test;

class ComparedRowsTest {

    private static final ReportQuery WEEK = query("2026-11-09T00:00:00Z", "2026-11-16T00:00:00Z");
    private static final ReportQuery WEEK_BEFORE = query("2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z");

    private static ReportQuery query(String from, String to) {
        return new ReportQuery(Instant.parse(from), Instant.parse(to), Granularity.DAY, List.of("department"),
                ZoneOffset.UTC, Set.of(), Set.of(), Set.of(), List.of("bucket", "department"));
    }

    /** A report row: every column 0 or null but the tickets created. */
    private static Map<String, Object> row(String bucket, String department, long ticketsCreated) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("bucket", bucket);
        row.put("department", department);
        row.putAll(new CellTotals().columns());
        row.put("tickets_created", ticketsCreated);
        return row;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> previous(Map<String, Object> row) {
        return (Map<String, Object>) row.get("previous");
    }

    @Test
    void eachRowGainsTheRowOfItsGroupAtTheSamePositionOfTheComparedRange() {
        List<Map<String, Object>> rows = ComparedRows.of(WEEK,
                List.of(row("2026-11-10T00:00:00Z", "sales", 5), row("2026-11-10T00:00:00Z", "support", 2)),
                WEEK_BEFORE,
                List.of(row("2026-11-03T00:00:00Z", "sales", 3), row("2026-11-04T00:00:00Z", "sales", 9)), 100);

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsEntry("department", "sales").containsEntry("tickets_created", 5L);
        assertThat(previous(rows.get(0))).containsEntry("bucket", "2026-11-03T00:00:00Z").containsEntry("tickets_created", 3L);
        // Support had nothing the week before: zero counts, the bucket still named.
        assertThat(previous(rows.get(1))).containsEntry("bucket", "2026-11-03T00:00:00Z").containsEntry("tickets_created", 0L)
                .containsEntry("avg_first_response_s", null);
    }

    @Test
    void aGroupActiveOnlyInTheComparedRangeHasARowOfZeroes() {
        List<Map<String, Object>> rows = ComparedRows.of(WEEK, List.of(), WEEK_BEFORE,
                List.of(row("2026-11-04T00:00:00Z", "billing", 4)), 100);

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("bucket", "2026-11-11T00:00:00Z").containsEntry("department", "billing")
                    .containsEntry("tickets_created", 0L);
            assertThat(previous(row)).containsEntry("bucket", "2026-11-04T00:00:00Z").containsEntry("tickets_created", 4L);
        });
    }

    @Test
    void theRowsAreSortedAsTheQueryAsks() {
        List<Map<String, Object>> rows = ComparedRows.of(WEEK, List.of(row("2026-11-12T00:00:00Z", "sales", 1)),
                WEEK_BEFORE, List.of(row("2026-11-02T00:00:00Z", "billing", 4)), 100);
        assertThat(rows).extracting(row -> row.get("bucket"))
                .containsExactly("2026-11-09T00:00:00Z", "2026-11-12T00:00:00Z");
    }

    @Test
    void comparedBucketsPastTheLastBucketOfTheRangeAreLeftOut() {
        // The 29th of February against the 28th and the 1st of March a year before: one day against two.
        ReportQuery leapDay = query("2028-02-29T00:00:00Z", "2028-03-01T00:00:00Z");
        ReportQuery yearBefore = query("2027-02-28T00:00:00Z", "2027-03-01T00:00:00Z");
        List<Map<String, Object>> rows = ComparedRows.of(leapDay, List.of(), yearBefore,
                List.of(row("2027-02-28T00:00:00Z", "sales", 1)), 100);
        assertThat(rows).singleElement().satisfies(row -> assertThat(row).containsEntry("bucket", "2028-02-29T00:00:00Z"));
    }

    @Test
    void moreRowsThanTheLimitAnswers400() {
        assertThatThrownBy(() -> ComparedRows.of(WEEK, List.of(row("2026-11-10T00:00:00Z", "sales", 5)), WEEK_BEFORE,
                List.of(row("2026-11-03T00:00:00Z", "billing", 3)), 1))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void csvHasThePreviousColumnsBesideTheRowsOwn() {
        List<Map<String, Object>> rows = ComparedRows.of(WEEK, List.of(row("2026-11-10T00:00:00Z", "sales", 5)),
                WEEK_BEFORE, List.of(row("2026-11-03T00:00:00Z", "sales", 3)), 100);
        Map<String, Object> flat = ComparedRows.flat(rows.get(0));
        assertThat(flat).containsEntry("tickets_created", 5L).containsEntry("previous_tickets_created", 3L)
                .containsEntry("previous_bucket", "2026-11-03T00:00:00Z").doesNotContainKey("previous");
    }
}
