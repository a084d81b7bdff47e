package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.schemas.fuzz.Gen;
import io.deskstream.schemas.fuzz.Property;
import io.deskstream.schemas.fuzz.Valid;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing the routes that take input, over real HTTP on a running deskstream: whatever the body or the query, the
 * answer is 2xx, or 4xx with {@code {"error": "..."}} — never 5xx — and processing still runs afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiFuzzIntegrationTest {

    private static final String TOKEN = "fuzz-admin-token";
    private static final int TRIES = 40;
    /** Jetty's limit for a request line and its headers is 8 KiB. */
    private static final int JUST_OVER_THE_LIMIT = 10_000;

    @TempDir
    static Path dataDir;
    private DeskstreamProcess process;
    private ApiClient admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(Topics.withDefaultPrefix(), 2, (short) 1, Duration.ofDays(30)))
                .with(InstanceSettings.defaults().withAdminToken(TOKEN));
        process = DeskstreamProcess.start(settings);
        admin = new ApiClient(process.httpUrl(), TOKEN);
        assertThat(admin.put("/api/v1/departments/sales", Valid.DEPARTMENTS.get(0).replace("\"id\":\"sales\",", ""))
                .status()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        if (process != null) {
            process.close();
        }
    }

    /** One request: method, path (with its query), and body bytes or null. */
    private record Request(String method, String path, byte[] body) {
        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + Property.shown(new String(body, StandardCharsets.UTF_8)));
        }
    }

    /** The property: 2xx, or 4xx with a JSON error that says something; never 5xx. */
    private void answersWell(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(process.httpUrl() + request.path()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TOKEN)
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        int status = response.statusCode();
        assertThat(status).as(response.body()).isBetween(200, 499);
        if (status >= 400) {
            JsonNode error = ApiClient.JSON.createObjectNode();
            try {
                error = ApiClient.JSON.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("a " + status + " that is not JSON: " + response.body());
            }
            assertThat(error.path("error").isTextual()).as(response.body()).isTrue();
            assertThat(error.path("error").asText()).isNotBlank();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A body: mostly JSON of the kind the route takes, mutated; sometimes anything at all. */
    private static byte[] body(Random r, Function<Random, String> valid) {
        return switch (r.nextInt(8)) {
            case 0 -> utf8(Gen.anyString(r));
            case 1 -> utf8(Gen.anyJson(r, 4).toString());
            case 2 -> utf8(Gen.deeplyNested(r));
            case 3 -> {
                byte[] bytes = new byte[r.nextInt(200)];
                r.nextBytes(bytes);
                yield bytes;
            }
            case 4 -> utf8(Gen.textMutated(r, valid.apply(r)));
            default -> utf8(Gen.mutated(r, Gen.object(valid.apply(r))).toString());
        };
    }

    /** A path id: one of a few valid ids, or anything, encoded. */
    private static String id(Random r) {
        return r.nextBoolean() ? "fuzz-" + r.nextInt(3) : URLEncoder.encode(Gen.anyString(r), StandardCharsets.UTF_8);
    }

    @Test
    void eventsAnswer2xxOr4xxWithAJsonError() {
        Property.forAll("HTTP: POST /api/v1/events", TRIES, r -> {
            List<String> lines = new ArrayList<>();
            int count = 1 + r.nextInt(5);
            for (int i = 0; i < count; i++) {
                lines.add(new String(body(r, x -> Gen.oneOf(x, Valid.EVENTS)), StandardCharsets.UTF_8));
            }
            String text = r.nextInt(4) == 0 ? "[" + String.join(",", lines) + "]" : String.join("\n", lines);
            return new Request("POST", "/api/v1/events", utf8(text));
        }, this::answersWell);
    }

    @Test
    void departmentsAnswer2xxOr4xxWithAJsonError() {
        Property.forAll("HTTP: PUT /api/v1/departments/{id}", TRIES,
                r -> new Request("PUT", "/api/v1/departments/" + id(r), body(r, x -> Gen.oneOf(x, Valid.DEPARTMENTS))),
                this::answersWell);
    }

    @Test
    void rulesAnswer2xxOr4xxWithAJsonError() {
        Property.forAll("HTTP: PUT /api/v1/rules/{id}", TRIES,
                r -> new Request("PUT", "/api/v1/rules/" + id(r), body(r, x -> Gen.oneOf(x, Valid.RULES))),
                this::answersWell);
    }

    @Test
    void ruleTestsAnswer2xxOr4xxWithAJsonError() {
        Property.forAll("HTTP: POST /api/v1/rules/test", TRIES,
                r -> new Request("POST", "/api/v1/rules/test", body(r, x -> Gen.oneOf(x, Valid.FIRST_EVENTS))),
                this::answersWell);
    }

    @Test
    void reportsAnswer2xxOr4xxWithAJsonError() {
        List<String> names = List.of("from", "to", "granularity", "groupBy", "department", "channel", "agent", "sort",
                "format");
        List<String> values = List.of("2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z", "+1000000000-12-31T23:00:00Z",
                "hour", "total", "department,agent", "-replies", "csv", "sales", "");
        Property.forAll("HTTP: GET /api/v1/reports/departments", TRIES, r -> {
            StringBuilder query = new StringBuilder();
            int count = r.nextInt(5);
            for (int i = 0; i < count; i++) {
                String name = r.nextInt(6) == 0 ? Gen.anyString(r) : Gen.oneOf(r, names);
                String value = r.nextBoolean() ? Gen.anyString(r) : Gen.oneOf(r, values);
                query.append(i == 0 ? "?" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
            return new Request("GET", "/api/v1/reports/departments" + query, null);
        }, this::answersWell);
    }

    /**
     * Found by fuzzing: what Jetty refuses before a route (a request line or headers too long) was an HTML page.
     *
     * <p>The requests are just over the 8 KiB limit, so the server has read all of them when it answers. Far longer
     * ones leave unread bytes behind the closed connection, TCP resets it, and the client may lose the answer: about
     * 3 in 500 at 20,000 characters here, which made these tests fail now and then.
     */
    @Test
    void aRequestLineOrHeadersTooLongAnswerAsJson() throws Exception {
        HttpResponse<String> longLine = http.send(HttpRequest.newBuilder(URI.create(process.httpUrl()
                        + "/api/v1/reports/departments?agent=" + "a".repeat(JUST_OVER_THE_LIMIT)))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(longLine.statusCode()).isEqualTo(414);
        assertThat(longLine.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(ApiClient.JSON.readTree(longLine.body()).path("error").asText()).contains("request line is too long");

        HttpResponse<String> largeHeaders = http.send(HttpRequest.newBuilder(URI.create(process.httpUrl() + "/api/v1/status"))
                .header("Authorization", "Bearer " + TOKEN).header("X-Padding", "p".repeat(JUST_OVER_THE_LIMIT)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(largeHeaders.statusCode()).isEqualTo(431);
        assertThat(ApiClient.JSON.readTree(largeHeaders.body()).path("error").asText()).contains("headers are too large");
    }

    /** Found by fuzzing: Jetty drops the connection after a 414, and a client not told so lost its next request. */
    @Test
    void aRequestAfterARequestLineTooLongIsAnswered() throws Exception {
        HttpResponse<String> tooLong = http.send(HttpRequest.newBuilder(URI.create(process.httpUrl()
                        + "/api/v1/departments/" + "d".repeat(JUST_OVER_THE_LIMIT)))
                .header("Authorization", "Bearer " + TOKEN).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooLong.statusCode()).isEqualTo(414);
        assertThat(tooLong.headers().firstValue("Connection")).hasValue("close");

        HttpResponse<String> next = http.send(HttpRequest.newBuilder(URI.create(process.httpUrl() + "/api/v1/departments/x"))
                .header("Authorization", "Bearer " + TOKEN).PUT(HttpRequest.BodyPublishers.ofString("not json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(next.statusCode()).isEqualTo(400);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void processingStillRunsAfterwards() throws Exception {
        assertThat(admin.post("/api/v1/events", "{\"id\":\"after-1\",\"type\":\"ticket.created\","
                + "\"ts\":\"2026-11-02T10:00:00Z\",\"ticketId\":\"after-1\",\"channel\":\"email\"}").status())
                .isEqualTo(202);
        JsonNode status = admin.awaitCaughtUp(Duration.ofSeconds(60));
        assertThat(status.path("state").asText()).isEqualTo("RUNNING");
        assertThat(admin.get("/api/v1/health").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/conversations/after-1").status()).isEqualTo(200);
    }
}
