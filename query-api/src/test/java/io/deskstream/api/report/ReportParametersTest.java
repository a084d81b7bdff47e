package io.deskstream.api.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.deskstream.api.ApiError;
import io.deskstream.api.auth.Caller;
import io.deskstream.topology.report.Granularity;
import io.deskstream.topology.report.ReportQuery;
import org.junit.jupiter.api.Test;

class ReportParametersTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:17:00Z");

    private static ReportParameters.Request read(Caller caller, String... pairs) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.put(pairs[i], List.of(pairs[i + 1]));
        }
        return ReportParameters.read(parameters, false, caller, ZoneOffset.UTC, NOW);
    }

    private static ReportQuery query(String... pairs) {
        return read(Caller.ADMIN, pairs).query();
    }

    @Test
    void defaultsToTheLastSevenDaysByDayAndDepartmentSortedByBucketAndDepartment() {
        ReportQuery q = query();
        assertThat(q.to()).isEqualTo(Instant.parse("2026-11-22T11:00:00Z"));
        assertThat(q.from()).isEqualTo(Instant.parse("2026-11-15T11:00:00Z"));
        assertThat(q.granularity()).isEqualTo(Granularity.DAY);
        assertThat(q.groupBy()).containsExactly("department");
        assertThat(q.sort()).containsExactly("bucket", "department");
    }

    @Test
    void readsEveryParameter() {
        ReportQuery q = query("from", "2026-11-02T00:00:00Z", "to", "2026-11-09T00:00:00Z", "granularity", "hour",
                "groupBy", "department,channel,agent", "department", "sales,support", "channel", "email",
                "agent", "a-1", "sort", "-replies,bucket");
        assertThat(q.from()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
        assertThat(q.granularity()).isEqualTo(Granularity.HOUR);
        assertThat(q.groupBy()).containsExactly("department", "channel", "agent");
        assertThat(q.departments()).containsExactlyInAnyOrder("sales", "support");
        assertThat(q.channels()).containsExactly("email");
        assertThat(q.agents()).containsExactly("a-1");
        assertThat(q.sort()).containsExactly("-replies", "bucket");
    }

    @Test
    void anEmptyGroupByGroupsByBucketOnly() {
        assertThat(query("groupBy", "").groupBy()).isEmpty();
    }

    @Test
    void formatCsvOrAnAcceptOfTextCsvAsksForCsv() {
        assertThat(read(Caller.ADMIN, "format", "csv").csv()).isTrue();
        assertThat(ReportParameters.read(Map.of(), true, Caller.ADMIN, ZoneOffset.UTC, NOW).csv()).isTrue();
        assertThat(read(Caller.ADMIN).csv()).isFalse();
    }

    @Test
    void anAgentNamingNoDepartmentGetsItsOwn() {
        Caller agent = Caller.agent("abc", List.of("sales"));
        assertThat(read(agent).query().departments()).containsExactly("sales");
    }

    @Test
    void anAgentNamingAnotherDepartmentIsForbidden() {
        Caller agent = Caller.agent("abc", List.of("sales"));
        assertThatThrownBy(() -> read(agent, "department", "sales,support"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining("support");
    }

    @Test
    void malformedParametersAre400NamingTheParameter() {
        Map<String, String[]> cases = Map.of(
                "from", new String[]{"from", "2026-11-02"},
                "whole hour", new String[]{"to", "2026-11-02T00:00:01Z"},
                "granularity", new String[]{"granularity", "fortnight"},
                "groupBy", new String[]{"groupBy", "department,team"},
                "twice", new String[]{"groupBy", "department,department"},
                "sort", new String[]{"sort", "-nothing"},
                "format", new String[]{"format", "xlsx"},
                "compare", new String[]{"compare", "yesterday"},
                "unknown parameter", new String[]{"colour", "red"});
        cases.forEach((named, pair) -> assertThatThrownBy(() -> read(Caller.ADMIN, pair))
                .as(named)
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining(pair[0]));
    }

    @Test
    void toBeforeFromIs400() {
        assertThatThrownBy(() -> query("from", "2026-11-03T00:00:00Z", "to", "2026-11-02T00:00:00Z"))
                .isInstanceOf(ApiError.class).hasMessageContaining("to");
    }

    @Test
    void aParameterGivenTwiceIs400() {
        Map<String, List<String>> twice = Map.of("department", List.of("sales", "support"));
        assertThatThrownBy(() -> ReportParameters.read(twice, false, Caller.ADMIN, ZoneOffset.UTC, NOW))
                .isInstanceOf(ApiError.class).hasMessageContaining("more than once");
    }

    /** Found by fuzzing: far from the present the report time zone's calendar has no days, and that was a 500. */
    @Test
    void aFromOrToOutsideTheYears1970To9999Answers400NamingIt() {
        for (String[] pair : new String[][]{{"from", "+1000000000-12-31T23:00:00Z"}, {"to", "-1000000000-01-01T00:00:00Z"},
                {"from", "1969-12-31T23:00:00Z"}, {"to", "+10000-01-01T01:00:00Z"}}) {
            assertThatThrownBy(() -> query(pair))
                    .isInstanceOfSatisfying(ApiError.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).startsWith(pair[0] + " must be from 1970-01-01T00:00:00Z");
                    });
        }
        assertThat(query("from", "1970-01-01T00:00:00Z", "to", "+10000-01-01T00:00:00Z").from()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void compareAsksForTheComparedRangeToo() {
        ReportParameters.Request request = read(Caller.ADMIN, "from", "2026-11-04T00:00:00Z", "to", "2026-11-05T00:00:00Z",
                "compare", "previous");
        assertThat(request.compare()).isEqualTo(ComparedPeriod.PREVIOUS);
        assertThat(request.compared().from()).isEqualTo(Instant.parse("2026-11-03T00:00:00Z"));
        assertThat(read(Caller.ADMIN).compare()).isNull();
        assertThat(read(Caller.ADMIN).compared()).isNull();
    }
}
