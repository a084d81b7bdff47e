package io.deskstream.api.report;

import io.deskstream.api.auth.Caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.deskstream.api.ApiError;
import io.deskstream.api.SortedMapStore;
import io.deskstream.schemas.state.MetricCell;
import io.deskstream.topology.metrics.CellKey;
import io.deskstream.topology.report.CellTotals;
import io.deskstream.topology.report.Granularity;
import io.deskstream.topology.report.ReportQuery;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The row limit while report groups are added up: from a store, and from other instances' parts, where what counts
 * is the merged answer, not each part.
 */
class ReportGroupsTest {

    private static final Instant FROM = Instant.parse("2026-11-02T00:00:00Z");
    private static final ReportQuery BY_HOUR = new ReportQuery(FROM, FROM.plus(Duration.ofDays(2)), Granularity.HOUR,
            List.of("department"), ZoneOffset.UTC, Set.of(), Set.of(), Set.of(), List.of("bucket"));

    /** A store with one cell with a reply in each of the given hours after FROM. */
    private static ReadOnlyKeyValueStore<String, MetricCell> hours(int first, int count) {
        return cellsEveryHour(FROM.plus(Duration.ofHours(first)), count);
    }

    /** A store with one cell with a reply in each of {@code count} hours from {@code first}. */
    static ReadOnlyKeyValueStore<String, MetricCell> cellsEveryHour(Instant first, int count) {
        TreeMap<String, MetricCell> cells = new TreeMap<>();
        for (int h = 0; h < count; h++) {
            MetricCell cell = new MetricCell();
            cell.setReplies(1L);
            cells.put(new CellKey(first.plus(Duration.ofHours(h)), "sales", "email", "a-" + h % 3).storeKey(), cell);
        }
        return new SortedMapStore<>(cells);
    }

    @Test
    void groupsUpToTheLimitAreAnswered() {
        ReportGroups groups = new ReportGroups(BY_HOUR, Caller.ADMIN, 10);
        Map<List<Object>, CellTotals> part = groups.empty();
        groups.addStore(hours(0, 10), part);
        assertThat(part).hasSize(10);
    }

    @Test
    void aStoreWithMoreGroupsThanTheLimitStopsWith400NamingTheLimitAndHowToNarrow() {
        ReportGroups groups = new ReportGroups(BY_HOUR, Caller.ADMIN, 10);
        Map<List<Object>, CellTotals> part = groups.empty();
        assertThatThrownBy(() -> groups.addStore(hours(0, 30), part))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("10 rows", "--max-report-rows", "granularity", "groupBy",
                            "filter", "range");
                });
        assertThat(part).as("adding stopped at the first group over the limit").hasSize(11);
    }

    @Test
    void partsUnderTheLimitThatTogetherAreOverItAreRefused() {
        ReportGroups groups = new ReportGroups(BY_HOUR, Caller.ADMIN, 10);
        Map<List<Object>, CellTotals> local = groups.empty();
        groups.addStore(hours(0, 6), local);
        Map<List<Object>, CellTotals> remote = groups.empty();
        groups.addStore(hours(6, 6), remote);

        Map<List<Object>, CellTotals> merged = groups.empty();
        groups.addStore(hours(0, 6), merged);
        assertThatThrownBy(() -> groups.addJson(groups.toJson(remote), merged))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void partsThatShareGroupsAreCountedOnceEach() {
        ReportGroups groups = new ReportGroups(BY_HOUR, Caller.ADMIN, 10);
        Map<List<Object>, CellTotals> other = groups.empty();
        groups.addStore(hours(0, 10), other);
        Map<List<Object>, CellTotals> merged = groups.empty();
        groups.addStore(hours(0, 10), merged);
        groups.addJson(groups.toJson(other), merged);
        assertThat(merged).hasSize(10);
        assertThat(merged.values()).allMatch(totals -> totals.columns().get("replies").equals(2L));
    }
}
