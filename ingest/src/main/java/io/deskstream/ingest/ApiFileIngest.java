package io.deskstream.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends a JSON Lines file of events through a deskstream's HTTP API ({@code POST /api/v1/events}) instead of
 * straight to Kafka: for machines that reach the API but not the brokers. The file goes in chunks well under the
 * API's body limit; each chunk is answered only once Kafka has it, and a chunk answered 503 is sent again (events
 * are recognised by their ids, so nothing is counted twice).
 */
public final class ApiFileIngest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LINES_PER_REQUEST = 5_000;
    private static final int ATTEMPTS = 5;

    private final HttpClient http;
    private final URI events;
    private final String token;

    /** @param apiUrl the deskstream's base URL, e.g. {@code http://127.0.0.1:7070} */
    public ApiFileIngest(String apiUrl, String token) {
        this(apiUrl, token, null);
    }

    /**
     * @param apiUrl the deskstream's base URL, e.g. {@code https://desk.example.com:7070}
     * @param tls    whom an {@code https} URL is trusted with; null for the JVM's trust store
     */
    public ApiFileIngest(String apiUrl, String token, SSLContext tls) {
        this.events = URI.create(apiUrl.replaceAll("/+$", "") + "/api/v1/events");
        this.token = token;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (tls != null) {
            http.sslContext(tls);
        }
        this.http = http.build();
    }

    public IngestSummary ingest(Path file, EventFileIngest.Progress progress) throws IOException, InterruptedException {
        long sent = 0;
        List<IngestSummary.RefusedLine> refused = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        long firstLine = 1;
        long lineNumber = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                chunk.add(line);
                if (chunk.size() == LINES_PER_REQUEST) {
                    sent += send(chunk, firstLine, refused);
                    progress.lineDone(lineNumber);
                    firstLine = lineNumber + 1;
                    chunk.clear();
                }
            }
        }
        if (chunk.stream().anyMatch(line -> !line.isBlank())) {
            sent += send(chunk, firstLine, refused);
        }
        progress.lineDone(lineNumber);
        return new IngestSummary(sent, refused);
    }

    private long send(List<String> lines, long firstLine, List<IngestSummary.RefusedLine> refused)
            throws IOException, InterruptedException {
        if (lines.stream().allMatch(String::isBlank)) {
            return 0;
        }
        HttpRequest request = HttpRequest.newBuilder(events)
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines)))
                .build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                JsonNode answer = JSON.readTree(response.body());
                for (JsonNode line : answer.path("rejected")) {
                    refused.add(new IngestSummary.RefusedLine(firstLine - 1 + line.path("line").asLong(),
                            line.path("reason").asText("refused"), line.path("error").asText()));
                }
                return answer.path("accepted").asLong();
            }
            if (response.statusCode() != 503 || attempt == ATTEMPTS) {
                throw new IllegalStateException(events + " answered " + response.statusCode() + ": "
                        + errorOf(response.body()));
            }
            Thread.sleep(1000L * attempt);
        }
    }

    private static String errorOf(String body) {
        try {
            return JSON.readTree(body).path("error").asText(body);
        } catch (IOException e) {
            return body;
        }
    }
}
