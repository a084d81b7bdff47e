package io.deskstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.topology.report.Granularity;
import io.deskstream.topology.report.ReportQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The conformance week through the topology, then the report equals the expected files. */
class ConformanceReportTest {

    private static final Instant FROM = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-09T00:00:00Z");
    private static TopologyFixture week;

    @BeforeAll
    static void feedTheWeek() throws Exception {
        week = new TopologyFixture(Conformance.READ_AT, CanonicalEventParser.DEFAULT_MAX_FUTURE);
        Conformance.feed(week, Conformance.DIR);
    }

    @AfterAll
    static void stop() {
        week.close();
    }

    private static ReportQuery query(Granularity granularity, List<String> groupBy) {
        return new ReportQuery(FROM, TO, granularity, groupBy, ZoneOffset.UTC, Set.of(), Set.of(), Set.of(),
                List.of("bucket", "department"));
    }

    @Test
    void shouldReportEveryHourByDepartmentChannelAndAgentAsExpected() throws Exception {
        List<Map<String, Object>> rows = week.report(query(Granularity.HOUR, List.of("department", "channel", "agent")));

        assertThat(ReportComparison.differences(
                Conformance.json("expected/report-hour-department-channel-agent.json").get("rows"), rows)).isEmpty();
    }

    @Test
    void shouldPublishEveryChangedHourCellOnTheReportRowsChangelogAsExpected() throws Exception {
        week.advanceWallClock(java.time.Duration.ofSeconds(3));
        List<Map<String, Object>> newestPerCell = week.reportRowsChangelog().stream()
                .filter(row -> !allCountsZero(row)).toList();

        assertThat(ReportComparison.differences(
                Conformance.json("expected/report-hour-department-channel-agent.json").get("rows"), newestPerCell)).isEmpty();
    }

    private static boolean allCountsZero(Map<String, Object> row) {
        return row.values().stream().filter(v -> v instanceof Long).allMatch(v -> (Long) v == 0L);
    }

    @Test
    void shouldReportEveryDayByDepartmentAsExpected() throws Exception {
        List<Map<String, Object>> rows = week.report(query(Granularity.DAY, List.of("department")));

        assertThat(ReportComparison.differences(Conformance.json("expected/report-day-department.json").get("rows"), rows))
                .isEmpty();
    }

    @Test
    void shouldReportTheWeekByDepartmentAsExpected() throws Exception {
        List<Map<String, Object>> rows = week.report(query(Granularity.TOTAL, List.of("department")));

        assertThat(ReportComparison.differences(Conformance.json("expected/report-total-department.json").get("rows"), rows))
                .isEmpty();
    }

    @Test
    void shouldCountTicketsByStatusAsExpected() throws Exception {
        JsonNode expected = Conformance.json("expected/ticket-status.json").get("rows");

        JsonNode actual = new ObjectMapper().valueToTree(week.ticketStatus());

        assertThat(actual.toString()).isEqualTo(expected.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"reopen-and-late-rating", "routing-chat-call-sla"})
    void shouldReportEveryHourOfAScenarioAsExpected(String scenario) throws Exception {
        Path folder = Conformance.DIR.resolve("scenarios").resolve(scenario);
        try (TopologyFixture desk = new TopologyFixture(Conformance.READ_AT, CanonicalEventParser.DEFAULT_MAX_FUTURE)) {
            Conformance.feed(desk, folder);

            List<Map<String, Object>> rows = desk.report(
                    new ReportQuery(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"),
                            Granularity.HOUR, List.of("department", "channel", "agent"), ZoneOffset.UTC, Set.of(),
                            Set.of(), Set.of(), List.of()));

            assertThat(ReportComparison.differences(
                    Conformance.json("scenarios/" + scenario + "/expected-report-hour.json").get("rows"), rows)).isEmpty();
        }
    }
}
