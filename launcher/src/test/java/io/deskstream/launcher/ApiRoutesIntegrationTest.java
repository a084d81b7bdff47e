package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of the HTTP API on a running deskstream, over real HTTP: what it answers, its errors, and who may call
 * it (admin, an agent of sales, an agent of support, no token, a wrong token).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiRoutesIntegrationTest {

    private static final long BODY_LIMIT = 4096;
    /** The day of the conversations made at start; the events tests write later days. */
    private static final String FIRST_DAY = "from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z";

    @TempDir
    static Path dataDir;
    private DeskstreamProcess process;
    private ApiClient admin;
    private ApiClient salesAgent;
    private ApiClient supportAgent;
    private ApiClient anonymous;
    private ApiClient wrongToken;

    @BeforeAll
    void startWithTwoDepartmentsARuleAFewConversationsAndTwoAgents() throws Exception {
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(Topics.withDefaultPrefix(), 2, (short) 1, Duration.ofDays(30)))
                .with(new InstanceSettings(null, 0, BODY_LIMIT, "admin-secret-for-tests", InstanceSettings.Exports.OFF));
        process = DeskstreamProcess.start(settings);
        admin = new ApiClient(process.httpUrl(), "admin-secret-for-tests");
        anonymous = admin.as(null);
        wrongToken = admin.as("not-a-token");
        assertThat(admin.put("/api/v1/departments/sales", "{\"name\": \"Sales\", \"agents\": [\"a-1\"]}").status()).isEqualTo(201);
        assertThat(admin.put("/api/v1/departments/support", "{\"name\": \"Support\"}").status()).isEqualTo(201);
        assertThat(admin.put("/api/v1/rules/social-to-support", """
                {"name": "Social to support", "conditionGroups": [{"conditions":
                  [{"field": "channel", "op": "in", "value": ["facebook", "twitter"]}]}],
                 "actions": [{"type": "transfer", "departmentId": "support"}]}""").status()).isEqualTo(201);
        ApiClient.Answer ingest = admin.post("/api/v1/events", """
                {"id":"e-1","type":"ticket.created","ts":"2026-11-02T09:00:00Z","ticketId":"t-1","channel":"email","departmentId":"sales"}
                {"id":"e-2","type":"ticket.created","ts":"2026-11-02T09:10:00Z","ticketId":"t-2","channel":"twitter"}
                {"id":"e-3","type":"ticket.reply","ts":"2026-11-02T09:20:00Z","ticketId":"t-1","agentId":"a-1"}
                """);
        assertThat(ingest.status()).as(ingest.body()).isEqualTo(202);
        admin.awaitCaughtUp(Duration.ofSeconds(60));
        salesAgent = admin.as(issueToken("sales"));
        supportAgent = admin.as(issueToken("support"));
    }

    private String issueToken(String department) {
        ApiClient.Answer issued = admin.post("/api/v1/tokens", "{\"role\": \"agent\", \"departments\": [\"" + department + "\"]}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json().path("token").asText();
    }

    @AfterAll
    void stop() {
        if (process != null) {
            process.close();
        }
    }

    // --- who may call what

    @Test
    void onlyHealthMetricsAndTheOpenApiDocumentAnswerWithoutAToken() {
        List<String> open = documentedRoutes().stream().filter(route -> route[2].equals("No token needed."))
                .map(route -> route[0] + " " + route[1]).toList();
        assertThat(open).containsExactlyInAnyOrder("GET /api/v1/health", "GET /api/v1/health/live",
                "GET /api/v1/health/ready", "GET /metrics", "GET /api/v1/openapi.json");
    }

    @Test
    void healthAndMetricsAnswerWithoutAToken() {
        ApiClient.Answer health = anonymous.get("/api/v1/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("RUNNING");
        assertThat(anonymous.get("/api/v1/health/live").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/v1/health/ready").status()).isEqualTo(200);
        assertThat(anonymous.get("/metrics").status()).isEqualTo(200);
    }

    @Test
    void everyRouteThatNeedsATokenAnswers401WithoutATokenOrWithAWrongOne() {
        for (String[] route : documentedRoutes()) {
            if (route[2].equals("No token needed.")) {
                continue;
            }
            for (ApiClient caller : List.of(anonymous, wrongToken)) {
                ApiClient.Answer answer = caller.send(route[0], concrete(route[1]), "{}", null);
                assertThat(answer.status()).as(route[0] + " " + route[1]).isEqualTo(401);
                assertThat(answer.json().fieldNames()).toIterable().containsExactly("error");
            }
        }
    }

    @Test
    void adminRoutesAnswer403ToAgents() {
        for (String[] route : documentedRoutes()) {
            if (route[2].contains("admin token only")) {
                for (ApiClient agent : List.of(salesAgent, supportAgent)) {
                    assertThat(agent.send(route[0], concrete(route[1]), "{}", null).status())
                            .as(route[0] + " " + route[1]).isEqualTo(403);
                }
            }
        }
    }

    @Test
    void anAgentSeesOnlyItsDepartmentsInTheDepartmentList() {
        assertThat(salesAgent.get("/api/v1/departments").json().path("departments").findValuesAsText("id"))
                .containsExactly("sales");
        assertThat(supportAgent.get("/api/v1/departments").json().path("departments").findValuesAsText("id"))
                .containsExactly("support");
        assertThat(admin.get("/api/v1/departments").json().path("departments").findValuesAsText("id"))
                .containsExactly("sales", "support");
    }

    @Test
    void anAgentSeesOnlyItsDepartmentsInTheReportAndTicketStatus() {
        String week = "/api/v1/reports/departments?" + FIRST_DAY + "&granularity=total";
        assertThat(salesAgent.get(week).json().path("rows").findValuesAsText("department")).containsExactly("sales");
        assertThat(supportAgent.get(week).json().path("rows").findValuesAsText("department")).containsExactly("support");
        assertThat(admin.get(week).json().path("rows").findValuesAsText("department")).containsExactly("sales", "support");
        assertThat(salesAgent.get("/api/v1/reports/ticket-status").json().path("rows").findValuesAsText("department"))
                .containsExactly("sales");
    }

    @Test
    void anAgentNamingAnotherDepartmentAnswers403() {
        assertThat(salesAgent.get("/api/v1/reports/departments?department=support").status()).isEqualTo(403);
        assertThat(salesAgent.get("/api/v1/reports/departments?department=sales,support").status()).isEqualTo(403);
        assertThat(salesAgent.get("/api/v1/reports/ticket-status?department=support").status()).isEqualTo(403);
        assertThat(salesAgent.get("/api/v1/departments/support").status()).isEqualTo(403);
        assertThat(salesAgent.get("/api/v1/departments/sales").status()).isEqualTo(200);
    }

    @Test
    void theInternalRoutesBetweenInstancesShowAnAgentOnlyItsDepartments() {
        JsonNode counters = salesAgent.get("/internal/v1/ticket-status-counters").json().path("data");
        assertThat(counters.fieldNames()).toIterable().isNotEmpty().allMatch(key -> key.startsWith("sales"));
        assertThat(salesAgent.get("/internal/v1/report-groups?department=support").status()).isEqualTo(403);
    }

    @Test
    void anAgentDoesNotSeeConversationsOfOtherDepartments() {
        assertThat(salesAgent.get("/api/v1/conversations/t-1").status()).isEqualTo(200);
        assertThat(salesAgent.get("/api/v1/conversations/t-2").status()).isEqualTo(404);
        assertThat(supportAgent.get("/api/v1/conversations/t-2").status()).isEqualTo(200);
    }

    // --- openapi.json against the served routes

    @Test
    void openApiDescribesOnlyRoutesThatAreServed() {
        String notServed = admin.get("/api/v1/no-such-route").json().path("error").asText();
        assertThat(admin.get("/api/v1/no-such-route").status()).isEqualTo(404);
        for (String[] route : documentedRoutes()) {
            ApiClient.Answer answer = admin.send(route[0], concrete(route[1]), "{}", null);
            assertThat(answer.status() == 404 && answer.body().contains(notServed.substring(0, 8)))
                    .as(route[0] + " " + route[1] + " is served: " + answer.body()).isFalse();
        }
    }

    @Test
    void openApiDescribesEveryRouteOfTheSpec() {
        List<String> documented = documentedRoutes().stream().map(r -> r[0] + " " + r[1]).toList();
        assertThat(documented).contains("GET /api/v1/health", "GET /api/v1/status", "POST /api/v1/events",
                "GET /api/v1/departments", "GET /api/v1/departments/{id}", "PUT /api/v1/departments/{id}",
                "DELETE /api/v1/departments/{id}", "GET /api/v1/rules", "GET /api/v1/rules/{id}", "PUT /api/v1/rules/{id}",
                "DELETE /api/v1/rules/{id}", "POST /api/v1/rules/test", "POST /api/v1/rules/what-if", "GET /api/v1/conversations/{id}",
                "GET /api/v1/reports/departments", "GET /api/v1/reports/ticket-status", "POST /api/v1/tokens",
                "GET /api/v1/openapi.json", "GET /api/v1/reports/departments/stream", "GET /api/v1/health/live",
                "GET /api/v1/health/ready", "GET /metrics");
    }

    @Test
    void openApiDescribesTheReportStreamAsServerSentEventsAndTheComparedPeriodOnBothReportRoutes() {
        JsonNode paths = anonymous.get("/api/v1/openapi.json").json().path("paths");
        JsonNode stream = paths.path("/api/v1/reports/departments/stream").path("get");
        assertThat(stream.path("responses").path("2XX").path("content").has("text/event-stream")).isTrue();
        for (JsonNode route : List.of(paths.path("/api/v1/reports/departments").path("get"), stream)) {
            assertThat(route.path("parameters").findValuesAsText("name"))
                    .contains("from", "to", "granularity", "groupBy", "compare");
        }
    }

    // --- configuration

    @Test
    void aDepartmentWrittenIsSeenByTheNextReadAndADeletedOneIsGone() {
        assertThat(admin.put("/api/v1/departments/billing", "{\"name\": \"Billing\", \"timezone\": \"Europe/Prague\"}")
                .status()).isEqualTo(201);
        assertThat(admin.get("/api/v1/departments/billing").json().path("timezone").asText()).isEqualTo("Europe/Prague");
        assertThat(admin.put("/api/v1/departments/billing", "{\"name\": \"Billing & invoices\"}").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/departments/billing").json().path("name").asText()).isEqualTo("Billing & invoices");
        assertThat(admin.delete("/api/v1/departments/billing").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/departments/billing").status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/departments/billing").status()).isEqualTo(404);
    }

    @Test
    void anInvalidDepartmentAnswers400NamingTheField() {
        ApiClient.Answer answer = admin.put("/api/v1/departments/bad", "{\"name\": \"Bad\", \"timezone\": \"Mars/Olympus\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains("timezone");
        assertThat(admin.get("/api/v1/departments/bad").status()).isEqualTo(404);
    }

    @Test
    void aBodyNamingAnotherIdThanThePathAnswers400() {
        ApiClient.Answer answer = admin.put("/api/v1/departments/sales", "{\"id\": \"billing\", \"name\": \"Sales\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains("id");
    }

    @Test
    void anInvalidRuleAnswers400NamingTheFieldByItsPath() {
        ApiClient.Answer answer = admin.put("/api/v1/rules/broken", """
                {"name": "Broken", "conditionGroups": [{"conditions": [{"field": "channel", "op": "resembles", "value": "x"}]}],
                 "actions": [{"type": "transfer", "departmentId": "sales"}]}""");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains("conditionGroups[0].conditions[0].op");
    }

    @Test
    void rulesAreListedAndReadOneByOne() {
        assertThat(admin.get("/api/v1/rules").json().path("rules").findValuesAsText("id")).contains("social-to-support");
        assertThat(admin.get("/api/v1/rules/social-to-support").json().path("name").asText()).isEqualTo("Social to support");
        assertThat(admin.get("/api/v1/rules/nope").status()).isEqualTo(404);
    }

    @Test
    void ruleTestGivesTheDepartmentAndTheRulesThatMatchedWithoutWritingAnything() {
        ApiClient.Answer answer = admin.post("/api/v1/rules/test",
                "{\"id\":\"dry-1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T10:00:00Z\",\"ticketId\":\"dry-1\",\"channel\":\"facebook\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("department").asText()).isEqualTo("support");
        assertThat(answer.json().path("matchedRules").get(0).asText()).isEqualTo("social-to-support");
        assertThat(admin.get("/api/v1/conversations/dry-1").status()).isEqualTo(404);
    }

    @Test
    void ruleTestRefusesAnEventThatDoesNotStartAConversation() {
        ApiClient.Answer answer = admin.post("/api/v1/rules/test",
                "{\"id\":\"x\",\"type\":\"ticket.reply\",\"ts\":\"2026-11-02T10:00:00Z\",\"ticketId\":\"t-1\",\"agentId\":\"a-1\"}");
        assertThat(answer.status()).isEqualTo(400);
    }

    // --- conversations

    @Test
    void aConversationShowsItsStateNow() {
        JsonNode t1 = admin.get("/api/v1/conversations/t-1").json();
        assertThat(t1.path("kind").asText()).isEqualTo("ticket");
        assertThat(t1.path("channel").asText()).isEqualTo("email");
        assertThat(t1.path("department").asText()).isEqualTo("sales");
        assertThat(t1.path("status").asText()).isEqualTo("answered");
        JsonNode t2 = admin.get("/api/v1/conversations/t-2").json();
        assertThat(t2.path("department").asText()).isEqualTo("support");
        assertThat(t2.path("matchedRules").get(0).asText()).isEqualTo("social-to-support");
        assertThat(admin.get("/api/v1/conversations/never").status()).isEqualTo(404);
    }

    // --- the report

    @Test
    void aMalformedReportParameterAnswers400NamingIt() {
        Map<String, String> named = Map.of(
                "granularity=weekly", "granularity",
                "from=yesterday", "from",
                "from=2026-11-02T00:30:00Z", "from",
                "groupBy=team", "groupBy",
                "sort=-loudness", "sort",
                "format=xml", "format",
                "departmnet=sales", "departmnet",
                "from=2026-11-03T00:00:00Z&to=2026-11-02T00:00:00Z", "to");
        named.forEach((query, parameter) -> {
            ApiClient.Answer answer = admin.get("/api/v1/reports/departments?" + query);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.json().path("error").asText()).as(query).contains(parameter);
        });
    }

    @Test
    void theReportAnswersCsvForFormatCsvWithAHeaderLine() {
        ApiClient.Answer csv = admin.get("/api/v1/reports/departments?from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z"
                + "&groupBy=department,agent&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElseThrow()).startsWith("bucket,department,agent,tags_added,replies,");
        assertThat(csv.body()).contains("\r\n").contains("2026-11-02T00:00:00Z,sales,a-1,");
    }

    @Test
    void theReportIsSentGzipCompressedToAClientThatAcceptsItAndEqualsTheUncompressedAnswer() throws Exception {
        String path = "/api/v1/reports/departments?" + FIRST_DAY + "&groupBy=department,agent";
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> compressed = http.send(HttpRequest.newBuilder(URI.create(process.httpUrl() + path))
                .header("Authorization", "Bearer admin-secret-for-tests").header("Accept-Encoding", "br;q=1, gzip;q=0.8")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> plain = http.send(HttpRequest.newBuilder(URI.create(process.httpUrl() + path))
                .header("Authorization", "Bearer admin-secret-for-tests").build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(compressed.statusCode()).isEqualTo(200);
        assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        try (GZIPInputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(compressed.body()))) {
            assertThat(gunzip.readAllBytes()).isEqualTo(plain.body());
        }
        assertThat(ApiClient.JSON.readTree(plain.body()).path("rows").size()).isPositive();
    }

    @Test
    void theReportIsNotCompressedForAClientThatRefusesGzip() throws Exception {
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        process.httpUrl() + "/api/v1/reports/departments?" + FIRST_DAY + "&groupBy=department,agent"))
                .header("Authorization", "Bearer admin-secret-for-tests").header("Accept-Encoding", "*, gzip;q=0")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(ApiClient.JSON.readTree(answer.body()).path("rows").size()).isPositive();
    }

    @Test
    void theReportSortsByTheColumnsAsked() {
        JsonNode rows = admin.get("/api/v1/reports/departments?" + FIRST_DAY + "&granularity=total&sort=-replies")
                .json().path("rows");
        assertThat(rows.findValuesAsText("department")).containsExactly("sales", "support");
    }

    // --- events

    @Test
    void eventsAnswer202WithTheRefusedLinesNamed() {
        ApiClient.Answer answer = admin.post("/api/v1/events", """
                {"id":"e-10","type":"ticket.created","ts":"2026-11-03T09:00:00Z","ticketId":"t-10","channel":"email"}
                not json

                {"id":"e-11","type":"ticket.levitated","ts":"2026-11-03T09:00:00Z","ticketId":"t-10"}
                """);
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().path("accepted").asLong()).isEqualTo(1);
        assertThat(answer.json().path("rejected").findValuesAsText("line")).containsExactly("2", "4");
    }

    @Test
    void eventsTakeAJsonArrayToo() {
        ApiClient.Answer answer = admin.post("/api/v1/events", """
                [{"id":"e-20","type":"ticket.created","ts":"2026-11-03T10:00:00Z","ticketId":"t-20","channel":"web"},
                 {"id":"e-21","type":"ticket.created","ts":"2026-11-03T10:00:00Z"}]""");
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().path("accepted").asLong()).isEqualTo(1);
        assertThat(answer.json().path("rejected").get(0).path("line").asLong()).isEqualTo(2);
    }

    @Test
    void anEventsBodyOverTheLimitAnswers413() {
        String line = "{\"id\":\"e-big\",\"type\":\"ticket.created\",\"ts\":\"2026-11-03T10:00:00Z\",\"ticketId\":\"t-big\",\"channel\":\"web\"}\n";
        ApiClient.Answer answer = admin.post("/api/v1/events", line.repeat((int) (BODY_LIMIT / line.length()) + 1));
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().path("error").asText()).contains("larger than");
    }

    @Test
    void anEmptyEventsBodyAnswers400() {
        assertThat(admin.post("/api/v1/events", "\n\n").status()).isEqualTo(400);
    }

    @Test
    void theIngestCommandSendsAFileThroughTheApi() throws Exception {
        Path file = dataDir.resolve("through-the-api.jsonl");
        java.nio.file.Files.writeString(file, """
                {"id":"e-30","type":"ticket.created","ts":"2026-11-04T09:00:00Z","ticketId":"t-30","channel":"email","departmentId":"sales"}
                {"id":"e-31","type":"ticket.created","ts":"2026-11-04T09:00:00Z"}
                """);
        int exit = Deskstream.commandLine().execute("ingest", file.toString(), "--api", process.httpUrl(),
                "--token", "admin-secret-for-tests");
        assertThat(exit).isZero();
        admin.awaitCaughtUp(Duration.ofSeconds(60));
        assertThat(admin.get("/api/v1/conversations/t-30").json().path("department").asText()).isEqualTo("sales");
    }

    @Test
    void theIngestCommandThroughTheApiNeedsAToken() throws Exception {
        Path file = java.nio.file.Files.writeString(dataDir.resolve("no-token.jsonl"), "\n");
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        picocli.CommandLine command = Deskstream.commandLine();
        command.setErr(new java.io.PrintWriter(errors, true));
        assertThat(command.execute("ingest", file.toString(), "--api", process.httpUrl())).isNotZero();
        assertThat(errors.toString()).contains("--token");
    }

    // --- tokens

    @Test
    void tokensAreListedWithoutTheirSecretsAndARevokedTokenNoLongerWorks() {
        String token = issueToken("sales");
        ApiClient agent = admin.as(token);
        assertThat(agent.get("/api/v1/departments").status()).isEqualTo(200);
        JsonNode tokens = admin.get("/api/v1/tokens").json().path("tokens");
        // dsa_<12-character id>_<secret>: the secret, base64url, may itself hold underscores.
        String id = token.substring(4, 16);
        assertThat(tokens.toString()).doesNotContain(token.substring(17));
        assertThat(tokens.findValuesAsText("id")).contains(id);
        assertThat(admin.delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
        assertThat(agent.get("/api/v1/departments").status()).isEqualTo(401);
    }

    @Test
    void aTokenForAnUnknownDepartmentIsRefused() {
        ApiClient.Answer answer = admin.post("/api/v1/tokens", "{\"role\": \"agent\", \"departments\": [\"atlantis\"]}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains("atlantis");
    }

    // --- status

    @Test
    void statusGivesProgressPerInputTopicAndTheInstanceState() {
        JsonNode status = admin.get("/api/v1/status").json();
        assertThat(status.path("state").asText()).isEqualTo("RUNNING");
        assertThat(status.path("inputs").has("deskstream.ticket-events")).isTrue();
        assertThat(status.path("inputs").path("deskstream.ticket-events").has("lag")).isTrue();
        assertThat(status.path("instance").asText()).isEqualTo(process.httpUrl().substring("http://".length()));
    }

    @Test
    void statusSaysTheExportIsOffWhenThisProcessDoesNotRunIt() {
        JsonNode export = admin.get("/api/v1/status").json().path("export");
        assertThat(export.path("enabled").asBoolean()).isFalse();
        assertThat(export.path("note").asText()).contains("--no-exports");
        assertThat(export.has("connectors")).isFalse();
    }

    @Test
    void statusGivesTheLagOfTheReportRowsStage() {
        JsonNode stage = admin.get("/api/v1/status").json().path("reportStage");
        assertThat(stage.path("topic").asText()).isEqualTo(Topics.withDefaultPrefix().reportCellShares());
        assertThat(stage.path("read").isIntegralNumber()).isTrue();
        assertThat(stage.path("lag").isIntegralNumber()).isTrue();
    }

    @Test
    void openApiDescribesTheStatusAnswerAndTheDependencyOfAnError() {
        JsonNode doc = anonymous.get("/api/v1/openapi.json").json();
        JsonNode status = doc.path("paths").path("/api/v1/status").path("get").path("responses");
        assertThat(status.path("2XX").path("content").path("application/json").path("schema").path("properties")
                .path("export").path("properties").has("connectors")).isTrue();
        assertThat(status.path("503").path("headers").has("Retry-After")).isTrue();
        assertThat(status.has("502")).isTrue();
        assertThat(doc.path("components").path("schemas").path("Error").path("properties").path("dependency")
                .path("enum").toString()).isEqualTo("[\"kafka\",\"schema-registry\"]");
    }

    private List<String[]> documentedRoutes() {
        JsonNode paths = anonymous.get("/api/v1/openapi.json").json().path("paths");
        List<String[]> routes = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> routes.add(new String[]{
                op.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), op.getValue().path("description").asText()})));
        return routes;
    }

    private static String concrete(String path) {
        return path.replaceAll("\\{[^}]+}", "probe");
    }
}
