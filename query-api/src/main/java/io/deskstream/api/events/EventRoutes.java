package io.deskstream.api.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.deskstream.api.ApiError;
import io.deskstream.api.ApiJson;
import io.deskstream.api.ApiRoute;
import io.deskstream.api.ApiRoute.Access;
import io.deskstream.api.Dependency;
import io.deskstream.api.DependencyFailure;
import io.deskstream.api.auth.Caller;
import io.deskstream.api.status.LatestWrite;
import io.deskstream.ingest.EventPublisher;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.schemas.json.InvalidInputException;
import io.javalin.http.Context;

/**
 * {@code POST /api/v1/events}: every valid event to its input topic, every refused one to the dead-letter topic with
 * its reason, and 202 only once Kafka has acknowledged all of them. If Kafka or the schema registry fails part-way the
 * answer is 503 naming it, within {@link #ACK_TIMEOUT}, and the whole body may be sent again: events are recognised by
 * their ids, so those already written are not counted twice.
 */
public final class EventRoutes {

    /** The longest a request waits for Kafka to take its events, sending included. */
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);
    private static final String SEND_AGAIN = "send the body again: events already written are recognised by their ids";

    private final CanonicalEventParser parser;
    private final EventPublisher publisher;
    private final long maxBodyBytes;
    private final BodiesInFlight inFlight;
    private final LatestWrite latestWrite;

    /**
     * @param maxBodyBytes     the largest body one request may send (413 above)
     * @param maxInFlightBytes the most bytes of bodies processed at once over all requests (503 above); at least
     *                         {@code maxBodyBytes}, so that a body under the limit always fits when sent alone
     * @param latestWrite      told when events were acknowledged, so that the status measures its lag again
     */
    public EventRoutes(CanonicalEventParser parser, EventPublisher publisher, long maxBodyBytes, long maxInFlightBytes,
                       LatestWrite latestWrite) {
        if (maxInFlightBytes < maxBodyBytes) {
            throw new IllegalArgumentException("the limit of event bodies in flight (" + maxInFlightBytes
                    + " bytes) must be at least the events body limit (" + maxBodyBytes + " bytes)");
        }
        this.parser = parser;
        this.publisher = publisher;
        this.maxBodyBytes = maxBodyBytes;
        this.inFlight = new BodiesInFlight(maxInFlightBytes);
        this.latestWrite = latestWrite;
    }

    public List<ApiRoute> routes() {
        return List.of(ApiRoute.post("/api/v1/events", Access.ADMIN,
                "Ingest events (docs/events.md): 202 once every valid event is durably in Kafka, with the refused lines",
                "JSON Lines, or a JSON array of events", this::ingest));
    }

    private void ingest(Context ctx, Caller caller) throws Exception {
        // The body's bytes stay reserved until the answer: its events are held until Kafka has acknowledged them.
        try (BodiesInFlight.Reservation reservation = inFlight.open()) {
            byte[] body;
            try {
                body = EventBody.readLimited(ctx.bodyInputStream(), ctx.contentLength(), maxBodyBytes, reservation);
            } catch (java.io.IOException e) {
                throw ApiError.badRequest("the body could not be read (did the client stop sending?): " + e.getMessage());
            } catch (ApiError e) {
                if (e.status() == 503) {
                    // Refused for lack of room: the rest of the body is read and thrown away, a buffer at a time, so
                    // that a client still sending it gets the answer (a connection closed under it loses the 503).
                    EventBody.discard(ctx.bodyInputStream(), maxBodyBytes);
                }
                throw e;
            }
            ingest(ctx, body);
        }
    }

    private void ingest(Context ctx, byte[] body) throws InterruptedException {
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        List<EventBody.Item> items = EventBody.items(body);
        if (items.isEmpty()) {
            throw ApiError.badRequest("the body holds no events; send JSON Lines or a JSON array of events");
        }
        List<CompletableFuture<?>> pending = new ArrayList<>();
        List<Map<String, Object>> rejected = new ArrayList<>();
        long accepted = 0;
        for (EventBody.Item item : items) {
            CompletableFuture<?> sent;
            try {
                sent = publisher.publish(parser.parse(item.text()));
                accepted++;
            } catch (InvalidInputException e) {
                Map<String, Object> refusal = new LinkedHashMap<>();
                refusal.put("line", item.line());
                refusal.put("reason", e.reason());
                refusal.put("error", e.getMessage());
                rejected.add(refusal);
                sent = publisher.publishRefused(item.text().getBytes(StandardCharsets.UTF_8), e.reason(),
                        e.getMessage(), "api:events:" + item.line());
            }
            pending.add(sent);
            // A send that failed at once waited for Kafka as long as the producer may (no brokers, no room): the
            // events after it would each wait as long again.
            if (sent.isCompletedExceptionally()) {
                throw failure(sent);
            }
            if (System.nanoTime() - deadline > 0) {
                throw notAcknowledged();
            }
        }
        awaitAcknowledged(pending, deadline);
        latestWrite.mark();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", accepted);
        answer.put("rejected", rejected);
        ApiJson.send(ctx, 202, answer);
    }

    private static void awaitAcknowledged(List<CompletableFuture<?>> pending, long deadline)
            throws InterruptedException {
        CompletableFuture<Void> all = CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
        try {
            all.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw failure(all);
        } catch (TimeoutException e) {
            throw notAcknowledged();
        }
    }

    /** The answer to a send that failed: Kafka refused (502), or is down or slow (503: send again). */
    private static ApiError failure(CompletableFuture<?> failed) throws InterruptedException {
        Throwable cause;
        try {
            failed.get();
            throw new IllegalStateException("the send had not failed");
        } catch (ExecutionException e) {
            cause = e.getCause();
        }
        ApiError known = DependencyFailure.of(cause);
        if (known != null && known.status() != 503) {
            return known;
        }
        return ApiError.dependencyUnavailable(Dependency.KAFKA, "Kafka did not accept every event ("
                + cause.getMessage() + "); " + SEND_AGAIN);
    }

    private static ApiError notAcknowledged() {
        return ApiError.dependencyUnavailable(Dependency.KAFKA, "Kafka did not acknowledge the events within "
                + ACK_TIMEOUT.toSeconds() + " s; " + SEND_AGAIN);
    }
}
