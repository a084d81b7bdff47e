package io.deskstream.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Real HTTP calls to a running deskstream, as a dashboard or a script makes them. */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status, body, and the body as JSON when it is JSON. */
    record Answer(int status, String body, HttpResponse<String> response) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    private final String token;

    ApiClient(String baseUrl, String token) {
        this(baseUrl, token, (javax.net.ssl.SSLContext) null);
    }

    /** @param tls whom an https deskstream is trusted with; null for the JVM's trust store */
    ApiClient(String baseUrl, String token, javax.net.ssl.SSLContext tls) {
        this(baseUrl, token, tls == null ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(tls).build());
    }

    private ApiClient(String baseUrl, String token, HttpClient http) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.http = http;
    }

    String baseUrl() {
        return baseUrl;
    }

    ApiClient as(String otherToken) {
        return new ApiClient(baseUrl, otherToken, http);
    }

    Answer get(String path) {
        return send("GET", path, null, null);
    }

    Answer get(String path, String accept) {
        return send("GET", path, null, accept);
    }

    Answer put(String path, String body) {
        return send("PUT", path, body, null);
    }

    Answer post(String path, String body) {
        return send("POST", path, body, null);
    }

    Answer delete(String path) {
        return send("DELETE", path, null, null);
    }

    Answer send(String method, String path, String body, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Polls the status until every input has been processed. */
    JsonNode awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer last = null;
        while (System.nanoTime() < deadline) {
            last = get("/api/v1/status");
            if (last.status() == 200 && last.json().path("caughtUp").asBoolean()) {
                return last.json();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not caught up within " + timeout + "; last status: " + (last == null ? null : last.body()));
    }

    /**
     * Asks {@code path} until it answers anything but 503 (an instance whose partitions are still moving), and returns
     * that answer, or the last 503 after {@code wait}.
     */
    Answer settled(String path, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Answer answer = get(path);
        while (answer.status() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            answer = get(path);
        }
        return answer;
    }

    /**
     * Asks until the answer is complete, up to {@code wait}: while partitions move, 503 with Retry-After is the right
     * answer; anything else fails.
     */
    JsonNode answered(String path, Duration wait) throws InterruptedException {
        Answer answer = settled(path, wait);
        if (answer.status() == 200) {
            return answer.json();
        }
        if (answer.status() != 503) {
            throw new AssertionError(path + " answered " + answer.status() + ", not 200 or 503: " + answer.body());
        }
        throw new AssertionError(path + " still answers " + answer.status() + ": " + answer.body());
    }
}
