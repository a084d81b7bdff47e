package io.deskstream.api.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.deskstream.api.ApiError;
import io.deskstream.api.auth.Caller;
import io.deskstream.schemas.fuzz.Gen;
import io.deskstream.schemas.fuzz.Property;
import io.deskstream.topology.report.CellTotals;
import io.deskstream.topology.report.DepartmentReport;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the report's parameters: whatever the query string, the answer is a report question or a 4xx
 * {@link ApiError} — never another exception, which would be a 500 — and a question that is read can be answered.
 */
class ReportParametersFuzzTest {

    private static final List<String> NAMES = List.of("from", "to", "granularity", "groupBy", "department", "channel",
            "agent", "sort", "format", "compare");
    private static final List<String> ZONES = List.of("UTC", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe",
            "America/New_York", "Pacific/Kiritimati", "Etc/GMT+12", "Europe/Prague");
    private static final List<String> INSTANTS = List.of("2026-11-02T00:00:00Z", "2026-11-02T18:30:00Z",
            "2026-11-02T00:30:00Z", "2026-11-02T00:00:00.001Z", "1970-01-01T00:00:00Z", "1969-12-31T23:00:00Z",
            "0000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:00:00Z",
            "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:00:00Z", "9999-12-31T23:00:00Z",
            "+10000-01-01T00:00:00Z", "+292278994-08-17T07:00:00Z", "2026-03-29T01:00:00Z", "2026-11-01T05:00:00Z",
            "2026-11-02T00:00:00+01:00", "2026-11-02", "yesterday", "");
    private static final List<String> WORDS = List.of("hour", "day", "week", "month", "year", "total", "HOUR", "",
            "department", "channel", "agent", "bucket", "-replies", "replies", "-", "--replies", "json", "csv", "xml",
            "sales", "support", "a-1", "email", ",", ",,", " , ", "department,department", "-bucket,-department",
            "p90_first_response_s", "tickets_created", "previous", "previous-year");

    private static String value(Random r, String name) {
        return switch (r.nextInt(4)) {
            case 0 -> Gen.anyString(r);
            case 1 -> Gen.oneOf(r, INSTANTS);
            case 2 -> {
                List<String> items = new ArrayList<>();
                int size = r.nextInt(4);
                for (int i = 0; i < size; i++) {
                    items.add(Gen.oneOf(r, WORDS));
                }
                yield String.join(",", items);
            }
            default -> name.equals("from") || name.equals("to") ? Gen.oneOf(r, INSTANTS) : Gen.oneOf(r, WORDS);
        };
    }

    private record Question(Map<String, List<String>> parameters, boolean acceptsCsv, Caller caller, ZoneId zone,
                            Instant now) {
    }

    private static Question question(Random r) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        int count = r.nextInt(6);
        for (int i = 0; i < count; i++) {
            String name = r.nextInt(8) == 0 ? Gen.anyString(r) : Gen.oneOf(r, NAMES);
            List<String> values = new ArrayList<>();
            int repeated = r.nextInt(10) == 0 ? 2 : 1;
            for (int v = 0; v < repeated; v++) {
                values.add(value(r, name));
            }
            parameters.put(name, values);
        }
        Caller caller = r.nextBoolean() ? Caller.ADMIN : Caller.agent("fuzz", List.of("sales"));
        Instant now = r.nextBoolean() ? Instant.parse("2026-11-22T10:17:00Z")
                : Instant.ofEpochSecond(r.nextLong(0, 253_402_300_799L));
        return new Question(parameters, r.nextBoolean(), caller, ZoneId.of(Gen.oneOf(r, ZONES)), now);
    }

    private static void readOrRefused(Question q) {
        ReportParameters.Request request;
        try {
            request = ReportParameters.read(q.parameters(), q.acceptsCsv(), q.caller(), q.zone(), q.now());
        } catch (ApiError refused) {
            assertThat(refused.status()).as(refused.getMessage()).isBetween(400, 499);
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(request.query().to()).isAfter(request.query().from());
        // The question can be answered: over a store with a few cells, its groups and rows are made.
        Map<List<Object>, CellTotals> groups = new LinkedHashMap<>();
        Instant from = request.query().from();
        if (!from.isBefore(Instant.EPOCH) && from.isBefore(Instant.parse("9999-12-31T00:00:00Z"))) {
            DepartmentReport.addGroups(request.query(), ReportGroupsTest.cellsEveryHour(from, 30), groups, 1_000);
        }
        DepartmentReport.addGroups(request.query(), ReportGroupsTest.cellsEveryHour(Instant.parse("2026-11-02T00:00:00Z"), 30),
                groups, 1_000);
        List<Map<String, Object>> rows = DepartmentReport.rows(request.query(), groups);
        assertThat(Duration.between(request.query().from(), request.query().to())).isPositive();
        if (request.compare() != null) {
            // The compared question is a question too, and the rows of both line up, or the answer is 400.
            assertThat(request.compared().to()).isAfter(request.compared().from());
            try {
                ComparedRows.of(request.query(), rows, request.compared(), rows, 1_000);
            } catch (ApiError tooMany) {
                assertThat(tooMany.status()).isEqualTo(400);
            }
        }
    }

    @Test
    void anyParametersAreAQuestionOrA4xx() {
        Property.forAll("report parameters: any", 1000, ReportParametersFuzzTest::question,
                ReportParametersFuzzTest::readOrRefused);
    }
}
