package io.deskstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.topology.report.Granularity;
import io.deskstream.topology.report.ReportQuery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The conformance week with the deployment's report time zone set to a zone whose offset is not a whole number of
 * hours (Asia/Kolkata +05:30, Asia/Kathmandu +05:45) or that changes its offset in the week (America/New_York): every
 * hour and every day of the report is the zone's own, and equals the expected files.
 */
class ConformanceZonesTest {

    @ParameterizedTest
    @ValueSource(strings = {"Asia/Kolkata", "Asia/Kathmandu", "America/New_York"})
    void shouldReportEveryLocalDayAndEveryLocalHourOfTheZoneAsExpected(String zone) throws Exception {
        JsonNode byDay = Conformance.json("expected/zones/report-day-department." + zone.replace('/', '-') + ".json");
        JsonNode byHour = Conformance.json("expected/zones/report-hour-department-channel." + zone.replace('/', '-') + ".json");
        try (TopologyFixture desk = new TopologyFixture(Conformance.READ_AT, CanonicalEventParser.DEFAULT_MAX_FUTURE,
                ZoneId.of(zone))) {
            Conformance.feed(desk, Conformance.DIR);

            List<String> differences = new ArrayList<>();
            for (JsonNode expected : List.of(byDay, byHour)) {
                assertThat(expected.get("timezone").asText()).isEqualTo(zone);
                List<Map<String, Object>> rows = desk.report(queryOf(expected, ZoneId.of(zone)));
                ReportComparison.differences(expected.get("rows"), rows)
                        .forEach(d -> differences.add(expected.get("granularity").asText() + " " + d));
            }

            assertThat(differences).isEmpty();
        }
    }

    /** The question an expected file answers: its range, granularity and grouping, in the zone. */
    private static ReportQuery queryOf(JsonNode expected, ZoneId zone) {
        List<String> groupBy = new ArrayList<>();
        expected.get("groupBy").forEach(d -> groupBy.add(d.asText()));
        return new ReportQuery(Instant.parse(expected.get("from").asText()), Instant.parse(expected.get("to").asText()),
                Granularity.parse(expected.get("granularity").asText()), groupBy, zone, Set.of(), Set.of(), Set.of(),
                List.of("bucket", "department"));
    }
}
