package io.deskstream.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A client of a server-sent events route over real HTTP, as a dashboard reads it: the events as they come, the
 * comment lines, and whether the server ended the stream. Each open stream is read by a thread of its own.
 */
final class EventStream implements AutoCloseable {

    /** One event: its id (or null), name ({@code message} when none is given) and data, its lines joined. */
    record Event(String id, String name, String data) {
        JsonNode json() {
            try {
                return ApiClient.JSON.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("event data is not JSON: " + data, e);
            }
        }
    }

    private static final Event END = new Event(null, "(end of stream)", "");

    private final HttpResponse<InputStream> response;
    private final String body;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private volatile boolean ended;

    private EventStream(HttpResponse<InputStream> response) throws IOException {
        this.response = response;
        if (response.statusCode() == 200) {
            this.body = null;
            Thread reader = new Thread(this::read, "event-stream-reader");
            reader.setDaemon(true);
            reader.start();
        } else {
            try (InputStream in = response.body()) {
                this.body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * Opens {@code path} with {@code Accept: text/event-stream}; the answer's status and headers are there once this
     * returns.
     *
     * @param lastEventId sent as {@code Last-Event-ID} unless null
     */
    static EventStream open(HttpClient http, String baseUrl, String path, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new EventStream(http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of an answer other than 200. */
    String body() {
        return body;
    }

    /** The next event, failing if none comes within {@code timeout} or the stream ends first. */
    Event next(Duration timeout) throws InterruptedException {
        Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + timeout);
        }
        if (event == END) {
            events.add(END);
            throw new AssertionError("the stream ended");
        }
        return event;
    }

    /** The next event that comes within {@code timeout}, or null. */
    Event poll(Duration timeout) throws InterruptedException {
        Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == END) {
            events.add(END);
            return null;
        }
        return event;
    }

    /** Waits until the server ends the stream; false if it is still open after {@code timeout}. */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return ended;
    }

    List<String> comments() {
        return comments;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name == null ? "message" : name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (IOException closedHere) {
            // closed by this side
        } finally {
            ended = true;
            events.add(END);
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
