package io.deskstream.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.simulator.BikeShopHelpDesk;
import io.deskstream.simulator.HelpDeskSimulation;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deskstream bench-report}: the report route under concurrent load, as live dashboards make it. A fresh
 * deskstream is loaded through its own API (a simulated week, or a given event file), then clients ask the same
 * report as fast as it answers; requests per second and latency percentiles are printed.
 */
@Command(name = "bench-report", mixinStandardHelpOptions = true,
        description = {"Measures the report route under concurrent load: loads a week of events into a fresh "
                + "deskstream through its API, then many clients ask the last 24 hours by department and channel."})
final class ReportLoadCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS_PER_REQUEST = 10_000;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "32",
            description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "20",
            description = "How long to measure, after 5 s of warm-up (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--events", paramLabel = "N", defaultValue = "100000",
            description = "Simulated events over the last 7 days, when no --events-file is given "
                    + "(default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--events-file", paramLabel = "FILE",
            description = "Load these events (JSON Lines, docs/events.md) instead of a simulated week.")
    Path eventsFile;

    @Option(names = "--departments", paramLabel = "FILE",
            description = "A JSON array of departments to load first (default: the simulated bike shop's).")
    Path departmentsFile;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "A JSON array of routing rules to load first (default: the simulated bike shop's).")
    Path rulesFile;

    @Option(names = "--query", paramLabel = "PARAMETERS",
            description = "A report question, its parameters as in the URL; repeat it for several, each measured on "
                    + "its own (default: two questions, the 24 hours up to the newest event by hour, department and "
                    + "channel, and the 30 days up to it by month and agent).")
    List<String> queries;

    @Option(names = "--gzip", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Ask for gzip-compressed answers and decompress each, as browsers do (default: on; "
                    + "--no-gzip asks for them uncompressed).")
    boolean gzip;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path dataDir = Files.createTempDirectory("deskstream-bench-report");
        String token = "bench-" + System.nanoTime();
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(Topics.withDefaultPrefix(), 4, (short) 1, Duration.ofDays(3650)))
                .with(InstanceSettings.defaults().withAdminToken(token));
        try {
            try (DeskstreamProcess process = DeskstreamProcess.start(settings)) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                String base = process.httpUrl();
                configure(http, base, token);
                List<String> lines = eventsFile != null ? Files.readAllLines(eventsFile, StandardCharsets.UTF_8)
                        : simulatedWeek();
                out.printf("Loading %,d events through POST /api/v1/events ...%n", lines.size());
                for (int i = 0; i < lines.size(); i += EVENTS_PER_REQUEST) {
                    String body = String.join("\n", lines.subList(i, Math.min(lines.size(), i + EVENTS_PER_REQUEST)));
                    send(http, base, token, "POST", "/api/v1/events", body, 202);
                }
                awaitCaughtUp(http, base, token);
                for (String parameters : queries != null ? queries : defaultQuestions(lines)) {
                    String path = "/api/v1/reports/departments?" + parameters;
                    int rows = JSON.readTree(send(http, base, token, "GET", path, null, 200)).path("rows").size();
                    out.printf("Asking %s (%d rows%s) with %d clients for %d s ...%n", path, rows,
                            sizes(http, URI.create(base + path), token), clients, seconds);
                    load(http, URI.create(base + path), token, Duration.ofSeconds(5));
                    ServerTimes before = serverTimes(http, base, token);
                    Result result = load(http, URI.create(base + path), token, Duration.ofSeconds(seconds));
                    ServerTimes server = serverTimes(http, base, token).since(before);
                    out.printf("requests            %,12.0f /s  (%,d in %d s, %d errors)%n",
                            result.count() / (double) seconds, result.count(), seconds, result.errors());
                    out.printf("latency p50         %12.1f ms%n", result.percentileMillis(0.50));
                    out.printf("latency p99         %12.1f ms%n", result.percentileMillis(0.99));
                    out.printf("latency max         %12.1f ms%n", result.percentileMillis(1.0));
                    out.printf("server time p50     %12s ms  (the server's own part, from /metrics: at most)%n",
                            bound(server.quantileMillis(0.50)));
                    out.printf("server time p99     %12s ms%n", bound(server.quantileMillis(0.99)));
                }
            }
        } finally {
            // The broker's log and the stores of the run: a benchmark leaves nothing behind.
            Utils.delete(dataDir.toFile());
        }
        return 0;
    }

    private void configure(HttpClient http, String base, String token) throws Exception {
        BikeShopHelpDesk desk = new BikeShopHelpDesk();
        List<JsonNode> departments = departmentsFile != null ? elements(departmentsFile)
                : new ArrayList<>(desk.departments());
        List<JsonNode> rules = rulesFile != null ? elements(rulesFile)
                : new ArrayList<>(desk.routingRules());
        for (JsonNode department : departments) {
            send(http, base, token, "PUT", "/api/v1/departments/" + department.path("id").asText(), department.toString(), 0);
        }
        for (JsonNode rule : rules) {
            send(http, base, token, "PUT", "/api/v1/rules/" + rule.path("id").asText(), rule.toString(), 0);
        }
    }

    private List<String> simulatedWeek() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofDays(7));
        double rate = events / (Duration.ofDays(7).toSeconds() * 0.7);
        HelpDeskSimulation simulation = new HelpDeskSimulation(1, start, rate, new BikeShopHelpDesk());
        List<String> lines = new ArrayList<>();
        for (ObjectNode event : simulation.eventsUntil(end)) {
            if (lines.size() >= events) {
                break;
            }
            lines.add(event.toString());
        }
        return lines;
    }

    /**
     * The 24 hours up to the newest valid event's hour by hour, department and channel, as a live dashboard asks;
     * and the 30 days up to it by month and agent, which reads every hour cell of a month.
     */
    private static List<String> defaultQuestions(List<String> lines) {
        Instant newest = Instant.EPOCH;
        io.deskstream.schemas.json.CanonicalEventParser parser = new io.deskstream.schemas.json.CanonicalEventParser();
        for (String line : lines) {
            try {
                Instant at = parser.parse(line).ts();
                newest = at.isAfter(newest) ? at : newest;
            } catch (io.deskstream.schemas.json.InvalidInputException refused) {
                // the API refuses this line too; it counts nowhere
            }
        }
        Instant to = newest.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        return List.of(
                "from=" + to.minus(Duration.ofHours(24)) + "&to=" + to + "&granularity=hour&groupBy=department,channel",
                "from=" + to.minus(Duration.ofDays(30)) + "&to=" + to + "&granularity=month&groupBy=agent");
    }

    private record Result(long count, long errors, Latencies latencies) {
        double percentileMillis(double q) {
            return latencies.percentileMillis(q);
        }
    }

    private Result load(HttpClient http, URI uri, String token, Duration during) throws InterruptedException {
        HttpRequest request = request(uri, token);
        long end = System.nanoTime() + during.toNanos();
        AtomicLong errors = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[][] mine = {new long[1024]};
            int[] n = {0};
            Thread client = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                        // The answer is read whole, as a dashboard must before it can draw it.
                        decoded(response);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (n[0] == mine[0].length) {
                        mine[0] = Arrays.copyOf(mine[0], n[0] * 2);
                    }
                    mine[0][n[0]++] = System.nanoTime() - start;
                }
                synchronized (perClient) {
                    perClient.add(Arrays.copyOf(mine[0], n[0]));
                }
            }, "bench-report-client-" + c);
            threads.add(client);
            client.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).toArray();
        return new Result(all.length, errors.get(), Latencies.of(all));
    }

    private static ServerTimes serverTimes(HttpClient http, String base, String token) throws Exception {
        return ServerTimes.of(send(http, base, token, "GET", "/metrics", null, 200), "/api/v1/reports/departments");
    }

    private static String bound(double millis) {
        return String.format(Locale.ROOT, "%.1f", millis);
    }

    private HttpRequest request(URI uri, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET();
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        return request.build();
    }

    /** The body as the server meant it, decompressed when it came compressed. */
    private static byte[] decoded(HttpResponse<byte[]> response) throws IOException {
        if (!response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")) {
            return response.body();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        }
    }

    /** The size of one answer: as sent, and as read once decompressed. */
    private String sizes(HttpClient http, URI uri, String token) throws Exception {
        HttpResponse<byte[]> response = http.send(request(uri, token), HttpResponse.BodyHandlers.ofByteArray());
        int sent = response.body().length;
        int read = decoded(response).length;
        return sent == read ? String.format(Locale.ROOT, ", %,d bytes", sent)
                : String.format(Locale.ROOT, ", %,d bytes sent gzip-compressed, %,d read", sent, read);
    }

    private static void awaitCaughtUp(HttpClient http, String base, String token) throws Exception {
        while (!JSON.readTree(send(http, base, token, "GET", "/api/v1/status", null, 200)).path("caughtUp").asBoolean()) {
            Thread.sleep(250);
        }
    }

    /** @param expected the status to insist on, 0 for any 2xx */
    private static String send(HttpClient http, String base, String token, String method, String path, String body,
                               int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        boolean ok = expected == 0 ? response.statusCode() / 100 == 2 : response.statusCode() == expected;
        if (!ok) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static List<JsonNode> elements(Path file) throws java.io.IOException {
        List<JsonNode> elements = new ArrayList<>();
        JSON.readTree(file.toFile()).elements().forEachRemaining(elements::add);
        return elements;
    }
}
