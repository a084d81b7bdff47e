package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
 * The API's memory bounds under load, over real HTTP: the bytes of event bodies processed at once over all requests
 * ({@code --max-events-in-flight}), and the rows of one report answer ({@code --max-report-rows}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiLimitsIntegrationTest {

    private static final String TOKEN = "limits-admin-token";
    private static final long BODY_LIMIT = 256 * 1024;
    /** The least the in-flight limit may be: one body at the body limit. */
    private static final long IN_FLIGHT_LIMIT = BODY_LIMIT;
    private static final int ROW_LIMIT = 50;

    @TempDir
    static Path dataDir;
    private DeskstreamProcess process;
    private ApiClient admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(Topics.withDefaultPrefix(), 2, (short) 1, Duration.ofDays(30)))
                .with(InstanceSettings.defaults().withAdminToken(TOKEN)
                        .withApiLimits(BODY_LIMIT, IN_FLIGHT_LIMIT, ROW_LIMIT));
        process = DeskstreamProcess.start(settings);
        admin = new ApiClient(process.httpUrl(), TOKEN);
    }

    @AfterAll
    void stop() {
        if (process != null) {
            process.close();
        }
    }

    // --- event bodies in flight

    @Test
    void bodiesOverTheInFlightLimitAnswer503AndNothingOfThemIsPublishedUntilTheyAreSentAgain() throws Exception {
        String day = "2026-11-02";
        String heldBody = ticketsCreated("held", day, 100 * 1024);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bodies.add(ticketsCreated("burst-" + i, day, 200 * 1024));
        }
        long expected = lines(heldBody);
        for (String body : bodies) {
            expected += lines(body);
        }

        byte[] heldBytes = heldBody.getBytes(StandardCharsets.UTF_8);
        try (Socket held = holdReserved(heldBytes)) {
            OutputStream out = held.getOutputStream();
            // Each of these would take the bytes in flight over the limit: all are refused, none is read.
            List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
            for (String body : bodies) {
                burst.add(post(body));
            }
            for (CompletableFuture<HttpResponse<String>> answer : burst) {
                HttpResponse<String> response = answer.join();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(ApiClient.JSON.readTree(response.body()).path("error").asText())
                        .contains("--max-events-in-flight", "send it again");
            }

            out.write(heldBytes, 1000, heldBytes.length - 1000);
            out.flush();
            String heldAnswer = readAnswer(held.getInputStream());
            assertThat(heldAnswer).startsWith("HTTP/1.1 202");
        }
        admin.awaitCaughtUp(Duration.ofSeconds(60));
        assertThat(ticketsCreated(day)).as("only the held body's events: nothing of a refused body was published")
                .isEqualTo(lines(heldBody));

        // Sent again, concurrently: one fits at a time, the others are refused until it is done, then taken.
        List<CompletableFuture<Integer>> resent = new ArrayList<>();
        for (String body : bodies) {
            resent.add(CompletableFuture.supplyAsync(() -> sendUntilTaken(body)));
        }
        int refusedOnTheWay = resent.stream().mapToInt(CompletableFuture::join).sum();
        assertThat(refusedOnTheWay).as("concurrent bodies over the limit were answered 503 and then taken")
                .isPositive();
        // A body sent twice (its answer lost, say) counts once.
        sendUntilTaken(bodies.get(0));

        admin.awaitCaughtUp(Duration.ofSeconds(60));
        assertThat(ticketsCreated(day)).isEqualTo(expected);
        assertThat(inFlightAfterwards()).as("every reservation was given back").isTrue();
    }

    /** Whether a body as large as the limit is taken again, i.e. nothing stays reserved. */
    private boolean inFlightAfterwards() {
        return admin.post("/api/v1/events", noEvents(IN_FLIGHT_LIMIT)).status() == 400;
    }

    /**
     * A body of {@code bytes} that holds no events: when it fits in flight it is read, and answered 400 without
     * anything being published.
     */
    private static String noEvents(long bytes) {
        return "[" + " ".repeat((int) bytes - 2) + "]";
    }

    /**
     * A slow client: its {@code Content-Length} is reserved as soon as its request reaches the route, before its body
     * does. It sends its headers and 1000 bytes, then waits; it is reserved once a body that fits only without it is
     * refused. That probe may reach the route first and take the room, refusing the slow client instead: then the
     * slow client tries again.
     */
    private Socket holdReserved(byte[] heldBytes) throws Exception {
        String probe = noEvents(IN_FLIGHT_LIMIT - heldBytes.length + 1);
        for (int attempt = 0; attempt < 20; attempt++) {
            Socket held = new Socket("127.0.0.1", port());
            OutputStream out = held.getOutputStream();
            out.write(("POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + heldBytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(heldBytes, 0, 1000);
            out.flush();
            Thread.sleep(200);
            int status = admin.post("/api/v1/events", probe).status();
            if (status == 503) {
                return held;
            }
            assertThat(status).isEqualTo(400);
            held.close(); // refused, or not at the route yet: its body never ends, so nothing of it is published
        }
        throw new AssertionError("the held request's body was never reserved");
    }

    /** Sends until 202, honouring Retry-After; returns how many times it was answered 503 first. */
    private int sendUntilTaken(String body) {
        for (int refused = 0; refused < 60; refused++) {
            HttpResponse<String> response = post(body).join();
            if (response.statusCode() == 202) {
                return refused;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            try {
                Thread.sleep(Duration.ofSeconds(Long.parseLong(response.headers().firstValue("Retry-After")
                        .orElseThrow())).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("a body was refused 60 times");
    }

    private CompletableFuture<HttpResponse<String>> post(String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(process.httpUrl() + "/api/v1/events"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private long ticketsCreated(String day) {
        JsonNode rows = admin.get("/api/v1/reports/departments?granularity=total&groupBy=&from=" + day
                + "T00:00:00Z&to=" + Instant.parse(day + "T00:00:00Z").plus(Duration.ofDays(1))).json().path("rows");
        return rows.isEmpty() ? 0 : rows.get(0).path("tickets_created").asLong();
    }

    /** JSON Lines of ticket.created events of one day, with ids of their own, about {@code bytes} long. */
    private static String ticketsCreated(String prefix, String day, int bytes) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; body.length() < bytes - 200; i++) {
            body.append("{\"id\":\"").append(prefix).append("-e-").append(i).append("\",\"type\":\"ticket.created\",")
                    .append("\"ts\":\"").append(day).append("T").append(String.format("%02d", i % 24))
                    .append(":00:00Z\",\"ticketId\":\"").append(prefix).append("-t-").append(i)
                    .append("\",\"channel\":\"email\"}\n");
        }
        return body.toString();
    }

    private static long lines(String body) {
        return body.lines().count();
    }

    private int port() {
        return URI.create(process.httpUrl()).getPort();
    }

    /** The status line and headers of an HTTP/1.1 answer, and as much of its body as has come. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder answer = new StringBuilder();
        byte[] buffer = new byte[8192];
        int n;
        while (!answer.toString().contains("\r\n\r\n") && (n = in.read(buffer)) > 0) {
            answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return answer.toString();
    }

    // --- rows of one report answer

    @Test
    void aReportWithMoreRowsThanTheLimitAnswers400SayingHowToNarrowItInJsonCsvAndBetweenInstances()
            throws Exception {
        StringBuilder events = new StringBuilder();
        Instant start = Instant.parse("2026-11-10T00:00:00Z");
        for (int h = 0; h < 72; h++) {
            events.append("{\"id\":\"rows-e-").append(h).append("\",\"type\":\"ticket.created\",\"ts\":\"")
                    .append(start.plus(Duration.ofHours(h))).append("\",\"ticketId\":\"rows-t-").append(h)
                    .append("\",\"channel\":\"web\"}\n");
        }
        assertThat(admin.post("/api/v1/events", events.toString()).status()).isEqualTo(202);
        admin.awaitCaughtUp(Duration.ofSeconds(60));
        String threeDays = "from=2026-11-10T00:00:00Z&to=2026-11-13T00:00:00Z";

        for (String path : List.of("/api/v1/reports/departments?granularity=hour&" + threeDays,
                "/api/v1/reports/departments?granularity=hour&format=csv&" + threeDays,
                "/internal/v1/report-groups?granularity=hour&" + threeDays)) {
            ApiClient.Answer answer = admin.get(path);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.json().path("error").asText()).as(path)
                    .contains("more than " + ROW_LIMIT + " rows", "--max-report-rows", "coarser granularity",
                            "fewer groupBy dimensions", "filter", "shorter range");
        }
        assertThat(admin.get("/api/v1/reports/departments?granularity=hour&" + threeDays, "text/csv").status())
                .isEqualTo(400);

        ApiClient.Answer byDay = admin.get("/api/v1/reports/departments?granularity=day&" + threeDays);
        assertThat(byDay.status()).isEqualTo(200);
        assertThat(byDay.json().path("rows")).hasSize(3);
        ApiClient.Answer exactlyTheLimit = admin.get("/api/v1/reports/departments?granularity=hour"
                + "&from=2026-11-10T00:00:00Z&to=2026-11-12T02:00:00Z");
        assertThat(exactlyTheLimit.status()).as(exactlyTheLimit.body()).isEqualTo(200);
        assertThat(exactlyTheLimit.json().path("rows")).hasSize(ROW_LIMIT);
    }
}
