package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.api.stream.ReportStreamSettings;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/reports/departments/stream} on a running deskstream, over real HTTP: the whole answer at once
 * and each change after, to many clients of one question, within the token's departments, closed when the token is
 * revoked, bounded in number, kept alive by heartbeats, and resumed with {@code Last-Event-ID}. Each test asks about
 * a day of its own, so that the events one test sends do not change what another watches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportStreamIntegrationTest {

    private static final String TOKEN = "stream-admin-token";
    private static final int MAX_STREAMS = 210;
    private static final Duration HEARTBEAT = Duration.ofMillis(300);
    private static final String STREAM = "/api/v1/reports/departments/stream";

    @TempDir
    static Path dataDir;
    private DeskstreamProcess process;
    private ApiClient admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void startWithTwoDepartments() throws Exception {
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(Topics.withDefaultPrefix(), 2, (short) 1, Duration.ofDays(30)))
                .with(InstanceSettings.defaults().withAdminToken(TOKEN)
                        .withReportStreams(new ReportStreamSettings(MAX_STREAMS, HEARTBEAT, Duration.ofSeconds(1))));
        process = DeskstreamProcess.start(settings);
        admin = new ApiClient(process.httpUrl(), TOKEN);
        assertThat(admin.put("/api/v1/departments/sales", "{\"name\": \"Sales\"}").status()).isEqualTo(201);
        assertThat(admin.put("/api/v1/departments/support", "{\"name\": \"Support\"}").status()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        if (process != null) {
            process.close();
        }
    }

    @Test
    void theFirstEventIsTheWholeAnswerOfTheReport() throws Exception {
        send("""
                {"id":"first-1","type":"ticket.created","ts":"2026-11-02T09:00:00Z","ticketId":"first-t1","channel":"email","departmentId":"sales"}
                {"id":"first-2","type":"ticket.created","ts":"2026-11-02T10:00:00Z","ticketId":"first-t2","channel":"web","departmentId":"support"}
                """);
        String question = "?from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z&granularity=hour&groupBy=department,channel";
        awaitReport("/api/v1/reports/departments" + question, rows -> rows.size() == 2);
        try (EventStream stream = open(STREAM + question, TOKEN, null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            EventStream.Event first = stream.next(Duration.ofSeconds(10));
            assertThat(first.name()).isEqualTo("report");
            assertThat(first.id()).matches("\\d+");
            assertThat(first.json()).isEqualTo(admin.get("/api/v1/reports/departments" + question).json());
            assertThat(first.json().path("rows")).hasSize(2);
        }
    }

    @Test
    void twoHundredClientsOfOneQuestionEachGetTheChangeOfAnIngestedEventWithinTwoSeconds() throws Exception {
        String question = STREAM + "?from=2026-11-03T00:00:00Z&to=2026-11-04T00:00:00Z&granularity=total";
        List<EventStream> streams = new ArrayList<>();
        ExecutorService waiting = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<EventStream>> opening = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                opening.add(CompletableFuture.supplyAsync(() -> open(question, TOKEN, null), waiting));
            }
            for (CompletableFuture<EventStream> stream : opening) {
                streams.add(stream.join());
            }
            for (EventStream stream : streams) {
                assertThat(stream.status()).as(stream.body()).isEqualTo(200);
                assertThat(stream.next(Duration.ofSeconds(30)).json().path("rows")).isEmpty();
            }

            send("""
                    {"id":"many-1","type":"ticket.created","ts":"2026-11-03T09:00:00Z","ticketId":"many-t1","channel":"email","departmentId":"sales"}
                    """);
            // From the moment the event is accepted (202), every stream has its change within 2 s.
            long accepted = System.nanoTime();
            List<String> ids = new ArrayList<>();
            for (EventStream stream : streams) {
                Duration left = Duration.ofNanos(Math.max(0, accepted + Duration.ofSeconds(2).toNanos() - System.nanoTime()));
                EventStream.Event change = stream.next(left);
                assertThat(change.json().path("rows").get(0).path("tickets_created").asLong()).isEqualTo(1);
                ids.add(change.id());
            }
            // One answer, computed once, went to all of them.
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            streams.forEach(EventStream::close);
            waiting.shutdownNow();
        }
    }

    @Test
    void anAgentsStreamNeverCarriesAnotherDepartment() throws Exception {
        String salesToken = issueToken("sales");
        String question = STREAM + "?from=2026-11-04T00:00:00Z&to=2026-11-05T00:00:00Z&granularity=hour";
        try (EventStream agent = open(question, salesToken, null); EventStream everyone = open(question, TOKEN, null)) {
            assertThat(agent.next(Duration.ofSeconds(10)).json().path("rows")).isEmpty();
            assertThat(everyone.next(Duration.ofSeconds(10)).json().path("rows")).isEmpty();
            send("""
                    {"id":"scope-1","type":"ticket.created","ts":"2026-11-04T09:00:00Z","ticketId":"scope-t1","channel":"email","departmentId":"support"}
                    {"id":"scope-2","type":"ticket.created","ts":"2026-11-04T10:00:00Z","ticketId":"scope-t2","channel":"email","departmentId":"sales"}
                    {"id":"scope-3","type":"ticket.created","ts":"2026-11-04T11:00:00Z","ticketId":"scope-t3","channel":"web","departmentId":"support"}
                    """);
            // The admin's stream sees both departments come; the agent's, over the same time, only sales.
            JsonNode all = null;
            while (all == null || all.size() < 3) {
                all = everyone.next(Duration.ofSeconds(30)).json().path("rows");
            }
            assertThat(all.findValuesAsText("department")).contains("sales", "support");
            List<String> seenByAgent = new ArrayList<>();
            for (EventStream.Event event = agent.poll(Duration.ofSeconds(3)); event != null;
                 event = agent.poll(Duration.ofSeconds(2))) {
                seenByAgent.addAll(event.json().path("rows").findValuesAsText("department"));
            }
            assertThat(seenByAgent).isNotEmpty().containsOnly("sales");
        }
        try (EventStream refused = open(question + "&department=support", salesToken, null)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).contains("support");
        }
    }

    @Test
    void revokingATokenClosesItsStreams() throws Exception {
        ApiClient.Answer issued = admin.post("/api/v1/tokens", "{\"role\": \"agent\", \"departments\": [\"sales\"]}");
        String token = issued.json().path("token").asText();
        String question = STREAM + "?from=2026-11-05T00:00:00Z&to=2026-11-06T00:00:00Z";
        try (EventStream stream = open(question, token, null)) {
            stream.next(Duration.ofSeconds(10));
            assertThat(admin.delete("/api/v1/tokens/" + issued.json().path("id").asText()).status()).isEqualTo(204);

            EventStream.Event last = stream.next(Duration.ofSeconds(10));
            assertThat(last.name()).isEqualTo("closing");
            assertThat(last.json().path("error").asText()).contains("revoked");
            assertThat(stream.awaitEnd(Duration.ofSeconds(10))).isTrue();
        }
        try (EventStream again = open(question, token, null)) {
            assertThat(again.status()).isEqualTo(401);
        }
    }

    @Test
    void oneStreamOverTheBoundAnswers503WithRetryAfter() throws Exception {
        String question = STREAM + "?from=2026-11-06T00:00:00Z&to=2026-11-07T00:00:00Z";
        List<EventStream> streams = new ArrayList<>();
        try {
            EventStream refused = null;
            for (int i = 0; i <= MAX_STREAMS && refused == null; i++) {
                EventStream stream = open(question, TOKEN, null);
                if (stream.status() == 200) {
                    streams.add(stream);
                } else {
                    refused = stream;
                }
            }
            assertThat(refused).as("stream " + (MAX_STREAMS + 1) + " is refused").isNotNull();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).matches("\\d+");
            assertThat(refused.body()).contains("--max-report-streams");
            assertThat(streams.size()).isLessThanOrEqualTo(MAX_STREAMS);

            // A stream closed by its client makes room again (the server notices at its next write).
            streams.remove(0).close();
            EventStream admitted = awaitAdmitted(question);
            streams.add(admitted);
            assertThat(admitted.status()).isEqualTo(200);
        } finally {
            streams.forEach(EventStream::close);
            // The server notices a closed stream at its next write: the next test must find room for its own.
            awaitOpenStreamsAtMost(0);
        }
    }

    @Test
    void anIdleStreamGetsHeartbeatComments() throws Exception {
        try (EventStream stream = open(STREAM + "?from=2026-11-07T00:00:00Z&to=2026-11-08T00:00:00Z", TOKEN, null)) {
            stream.next(Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (stream.comments().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(stream.comments()).hasSizeGreaterThanOrEqualTo(2).allMatch("heartbeat"::equals);
        }
    }

    @Test
    void reconnectingWithTheCurrentLastEventIdSendsNothingUntilTheAnswerChanges() throws Exception {
        String question = STREAM + "?from=2026-11-08T00:00:00Z&to=2026-11-09T00:00:00Z&granularity=total";
        String id;
        try (EventStream first = open(question, TOKEN, null)) {
            id = first.next(Duration.ofSeconds(10)).id();
            try (EventStream resumed = open(question, TOKEN, id)) {
                assertThat(resumed.status()).isEqualTo(200);
                assertThat(resumed.poll(Duration.ofSeconds(3))).isNull();

                send("""
                        {"id":"resume-1","type":"ticket.created","ts":"2026-11-08T09:00:00Z","ticketId":"resume-t1","channel":"email","departmentId":"sales"}
                        """);
                EventStream.Event change = resumed.next(Duration.ofSeconds(30));
                assertThat(Long.parseLong(change.id())).isGreaterThan(Long.parseLong(id));
                assertThat(change.json().path("rows")).hasSize(1);
            }
        }
    }

    @Test
    void reconnectingWithAnOlderLastEventIdGetsTheCurrentAnswerAtOnce() throws Exception {
        String question = STREAM + "?from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z&granularity=total";
        try (EventStream resumed = open(question, TOKEN, "1")) {
            EventStream.Event current = resumed.next(Duration.ofSeconds(10));
            assertThat(Long.parseLong(current.id())).isGreaterThan(1);
            assertThat(current.json()).isEqualTo(admin.get("/api/v1/reports/departments?from=2026-11-02T00:00:00Z"
                    + "&to=2026-11-03T00:00:00Z&granularity=total").json());
        }
    }

    @Test
    void theOpenStreamsAreAGaugeOfTheMetrics() throws Exception {
        try (EventStream stream = open(STREAM + "?from=2026-11-07T00:00:00Z&to=2026-11-08T00:00:00Z", TOKEN, null)) {
            stream.next(Duration.ofSeconds(10));
            assertThat(openStreams()).isGreaterThanOrEqualTo(1.0);
        }
    }

    @Test
    void withoutAcceptingEventsTheRouteAnswers406() {
        ApiClient.Answer answer = admin.get(STREAM);
        assertThat(answer.status()).isEqualTo(406);
        assertThat(answer.json().path("error").asText()).contains("text/event-stream");
    }

    @Test
    void aMalformedQuestionAnswers400BeforeAnyEvent() {
        try (EventStream stream = open(STREAM + "?granularity=fortnight", TOKEN, null)) {
            assertThat(stream.status()).isEqualTo(400);
            assertThat(stream.body()).contains("granularity");
        }
        try (EventStream stream = open(STREAM + "?format=csv", TOKEN, null)) {
            assertThat(stream.status()).isEqualTo(400);
            assertThat(stream.body()).contains("format");
        }
        try (EventStream stream = open(STREAM, "not-a-token", null)) {
            assertThat(stream.status()).isEqualTo(401);
        }
    }

    private EventStream open(String path, String token, String lastEventId) {
        return EventStream.open(http, process.httpUrl(), path, token, lastEventId);
    }

    private void awaitOpenStreamsAtMost(double open) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (openStreams() > open && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private double openStreams() {
        return admin.get("/metrics").body().lines().filter(line -> line.startsWith("deskstream_report_streams "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElse(0);
    }

    private EventStream awaitAdmitted(String question) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            EventStream stream = open(question, TOKEN, null);
            if (stream.status() == 200 || System.nanoTime() > deadline) {
                return stream;
            }
            Thread.sleep(100);
        }
    }

    private void send(String events) throws InterruptedException {
        ApiClient.Answer ingest = admin.post("/api/v1/events", events);
        assertThat(ingest.status()).as(ingest.body()).isEqualTo(202);
        assertThat(ingest.json().path("rejected")).as(ingest.body()).isEmpty();
    }

    private void awaitReport(String path, java.util.function.Predicate<JsonNode> rows) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!rows.test(admin.get(path).json().path("rows"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the report did not show the change within 60 s: " + admin.get(path).body());
            }
            Thread.sleep(20);
        }
    }

    private String issueToken(String department) {
        ApiClient.Answer issued = admin.post("/api/v1/tokens", "{\"role\": \"agent\", \"departments\": [\"" + department + "\"]}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json().path("token").asText();
    }
}
