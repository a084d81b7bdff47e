package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.topology.Conformance;
import io.deskstream.topology.ReportComparison;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance week as a user sends it: departments and rules PUT, events.jsonl POSTed, the status polled until
 * caught up; then the report, ticket-status, conversation and status routes give the expected files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiConformanceIntegrationTest {

    private static final String WEEK = "from=2026-11-02T00:00:00Z&to=2026-11-09T00:00:00Z";

    @TempDir
    static Path dataDir;
    private DeskstreamProcess process;
    private ApiClient admin;
    private JsonNode ingestAnswer;

    @BeforeAll
    void sendTheWeekThroughTheApi() throws Exception {
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(Topics.withDefaultPrefix(), 2, (short) 1, Duration.ofDays(30)));
        process = DeskstreamProcess.start(settings);
        admin = new ApiClient(process.httpUrl(), process.adminToken().token());
        for (JsonNode department : Conformance.json("departments.json")) {
            assertThat(admin.put("/api/v1/departments/" + department.path("id").asText(), department.toString()).status())
                    .isEqualTo(201);
        }
        for (JsonNode rule : Conformance.json("rules.json")) {
            assertThat(admin.put("/api/v1/rules/" + rule.path("id").asText(), rule.toString()).status()).isEqualTo(201);
        }
        String events = Files.readString(Conformance.DIR.resolve("events.jsonl"), StandardCharsets.UTF_8);
        ApiClient.Answer ingest = admin.post("/api/v1/events", events);
        assertThat(ingest.status()).as(ingest.body()).isEqualTo(202);
        ingestAnswer = ingest.json();
        admin.awaitCaughtUp(Duration.ofSeconds(180));
    }

    @AfterAll
    void stop() {
        if (process != null) {
            process.close();
        }
    }

    @Test
    void theIngestAcceptsEveryValidLineAndNamesEachLineRefusedAtParsing() {
        assertThat(ingestAnswer.path("rejected")).hasSize(7);
        assertThat(ingestAnswer.path("accepted").asLong()).isEqualTo(10_611 - 7);
        assertThat(ingestAnswer.path("rejected").get(0).path("line").asLong()).isPositive();
        assertThat(ingestAnswer.path("rejected").get(0).path("error").asText()).isNotBlank();
    }

    @Test
    void theHourReportByDepartmentChannelAndAgentIsTheExpectedOne() throws Exception {
        assertReport("granularity=hour&groupBy=department,channel,agent", "expected/report-hour-department-channel-agent.json");
    }

    @Test
    void theDayReportByDepartmentIsTheExpectedOne() throws Exception {
        assertReport("granularity=day&groupBy=department", "expected/report-day-department.json");
    }

    @Test
    void theTotalReportByDepartmentIsTheExpectedOne() throws Exception {
        assertReport("granularity=total&groupBy=department", "expected/report-total-department.json");
    }

    @Test
    void theCsvReportHoldsTheSameRowsAsTheExpectedOne() throws Exception {
        ApiClient.Answer csv = admin.get("/api/v1/reports/departments?" + WEEK + "&granularity=day&groupBy=department",
                "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<Map<String, Object>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv.body()),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord record : parser) {
                Map<String, Object> row = new LinkedHashMap<>();
                record.toMap().forEach((column, cell) -> row.put(column, typed(column, cell)));
                rows.add(row);
            }
        }
        assertThat(ReportComparison.differences(Conformance.json("expected/report-day-department.json").path("rows"), rows))
                .isEmpty();
    }

    @Test
    void ticketStatusIsTheExpectedOne() throws Exception {
        ApiClient.Answer status = admin.get("/api/v1/reports/ticket-status");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json()).isEqualTo(Conformance.json("expected/ticket-status.json"));
    }

    @Test
    void everyConversationHasTheExpectedDepartmentAgentStatusTagsAndMatchedRules() throws Exception {
        List<String> differences = new ArrayList<>();
        Conformance.json("expected/conversations.json").fields().forEachRemaining(entry -> {
            String id = entry.getKey().substring(entry.getKey().indexOf(':') + 1);
            JsonNode want = entry.getValue();
            JsonNode got = admin.get("/api/v1/conversations/" + id).json();
            if (!got.path("kind").asText().equals(entry.getKey().substring(0, entry.getKey().indexOf(':')))
                    || !got.path("department").equals(want.path("department"))
                    || !got.path("agent").equals(want.path("agent"))
                    || !got.path("status").equals(want.path("status"))
                    || !got.path("tags").equals(want.path("tags"))
                    || !got.path("matchedRules").equals(want.path("matched"))) {
                differences.add(entry.getKey() + ": expected " + want + ", got " + got);
            }
        });
        assertThat(differences).isEmpty();
    }

    @Test
    void theStatusCountsTheRefusedLinesByReason() throws Exception {
        JsonNode status = admin.awaitCaughtUp(Duration.ofSeconds(60));
        assertThat(status.path("deadLetters")).isEqualTo(Conformance.json("expected/rejected.json"));
        assertThat(status.path("state").asText()).isEqualTo("RUNNING");
        assertThat(status.path("inputs").path("deskstream.ticket-events").path("read").asLong()).isPositive();
    }

    // --- compare

    @Test
    void comparedWithThePreviousDayEachRowHoldsThePreviousDaysReportUnderPrevious() {
        String groups = "&granularity=hour&groupBy=department,channel";
        JsonNode compared = admin.get("/api/v1/reports/departments?from=2026-11-04T00:00:00Z&to=2026-11-05T00:00:00Z"
                + groups + "&compare=previous").json();
        JsonNode day = admin.get("/api/v1/reports/departments?from=2026-11-04T00:00:00Z&to=2026-11-05T00:00:00Z"
                + groups).json().path("rows");
        JsonNode dayBefore = admin.get("/api/v1/reports/departments?from=2026-11-03T00:00:00Z&to=2026-11-04T00:00:00Z"
                + groups).json().path("rows");
        assertThat(compared.path("compare").asText()).isEqualTo("previous");
        assertThat(compared.path("comparedFrom").asText()).isEqualTo("2026-11-03T00:00:00Z");
        assertThat(dayBefore.size()).isPositive();

        Map<String, JsonNode> own = new LinkedHashMap<>();
        Map<String, JsonNode> previous = new LinkedHashMap<>();
        for (JsonNode row : compared.path("rows")) {
            own.put(key(row), withoutPrevious(row));
            ObjectNode before = row.path("previous").deepCopy();
            before.put("department", row.path("department").asText());
            before.put("channel", row.path("channel").asText());
            previous.put(key(before), reordered(before, dayBefore.get(0)));
        }
        // The day's own rows are the report of the day.
        for (JsonNode row : day) {
            assertThat(own.get(key(row))).as(key(row)).isEqualTo(row);
        }
        // Under previous: each row of the day before, in the bucket 24 hours earlier, and zeroes where it had none.
        for (JsonNode row : dayBefore) {
            assertThat(previous.remove(key(row))).as(key(row)).isEqualTo(row);
        }
        previous.forEach((key, zero) -> assertThat(zero.path("tickets_created").asLong() + zero.path("replies").asLong()
                + zero.path("incoming_messages").asLong() + zero.path("chats").asLong() + zero.path("calls").asLong())
                .as(key).isZero());
    }

    @Test
    void comparedWithThePreviousYearTheRowsHoldZeroesForAYearWithoutEvents() {
        JsonNode rows = admin.get("/api/v1/reports/departments?" + WEEK + "&granularity=day&compare=previous-year")
                .json().path("rows");
        JsonNode asked = admin.get("/api/v1/reports/departments?" + WEEK + "&granularity=day").json().path("rows");
        assertThat(rows.size()).isEqualTo(asked.size());
        for (JsonNode row : rows) {
            assertThat(row.path("previous").path("bucket").asText())
                    .isEqualTo(java.time.Instant.parse(row.path("bucket").asText()).atZone(ZoneOffset.UTC).minusYears(1)
                            .toInstant().toString());
            assertThat(row.path("previous").path("tickets_created").asLong()).isZero();
            assertThat(row.path("previous").path("avg_first_response_s").isNull()).isTrue();
        }
    }

    @Test
    void theCsvOfAComparisonHasThePreviousColumnsBesideTheRowsOwn() throws Exception {
        String question = "/api/v1/reports/departments?from=2026-11-04T00:00:00Z&to=2026-11-05T00:00:00Z"
                + "&granularity=total&compare=previous";
        JsonNode json = admin.get(question).json().path("rows");
        ApiClient.Answer csv = admin.get(question + "&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        try (CSVParser parser = CSVParser.parse(new StringReader(csv.body()),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(parser.getHeaderNames()).contains("previous_bucket", "previous_tickets_created",
                    "previous_p90_first_response_s");
            List<CSVRecord> records = parser.getRecords();
            assertThat(records).hasSize(json.size());
            for (int i = 0; i < records.size(); i++) {
                assertThat(records.get(i).get("previous_tickets_created"))
                        .isEqualTo(json.get(i).path("previous").path("tickets_created").asText());
                assertThat(records.get(i).get("previous_bucket")).isEqualTo("2026-11-03T00:00:00Z");
            }
        }
    }

    @Test
    void anUnknownComparisonAnswers400NamingIt() {
        ApiClient.Answer answer = admin.get("/api/v1/reports/departments?" + WEEK + "&compare=last-week");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains("compare").contains("previous-year")
                .contains("last-week");
    }

    private static String key(JsonNode row) {
        return row.path("bucket").asText() + " " + row.path("department").asText() + " " + row.path("channel").asText();
    }

    private static JsonNode withoutPrevious(JsonNode row) {
        ObjectNode copy = row.deepCopy();
        copy.remove("previous");
        return copy;
    }

    /** The previous columns in the order of a report row: bucket, the dimensions, then every column. */
    private static JsonNode reordered(ObjectNode previous, JsonNode template) {
        ObjectNode row = ApiClient.JSON.createObjectNode();
        template.fieldNames().forEachRemaining(field -> row.set(field, previous.get(field)));
        return row;
    }

    private void assertReport(String parameters, String expectedFile) throws Exception {
        ApiClient.Answer report = admin.get("/api/v1/reports/departments?" + WEEK + "&" + parameters);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        List<Map<String, Object>> rows = ApiClient.JSON.convertValue(report.json().path("rows"), new TypeReference<>() {
        });
        assertThat(ReportComparison.differences(Conformance.json(expectedFile).path("rows"), rows)).isEmpty();
    }

    private static Object typed(String column, String cell) {
        if (cell.isEmpty()) {
            return null;
        }
        if (List.of("bucket", "department", "channel", "agent").contains(column)) {
            return cell;
        }
        return cell.contains(".") ? (Object) Double.parseDouble(cell) : (Object) Long.parseLong(cell);
    }
}
