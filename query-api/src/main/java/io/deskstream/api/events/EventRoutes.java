package io.deskstream.api.events;

import java.nio.charset.StandardCharsets;
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
import io.deskstream.api.auth.Caller;
import io.deskstream.ingest.EventPublisher;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.schemas.json.InvalidInputException;
import io.javalin.http.Context;

/**
 * {@code POST /api/v1/events}: every valid event to its input topic, every refused one to the dead-letter topic with
 * its reason, and 202 only once Kafka has acknowledged all of them. If Kafka fails part-way the answer is 503 and the
 * whole body may be sent again: events are recognised by their ids, so those already written are not counted twice.
 */
public final class EventRoutes {

    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final CanonicalEventParser parser;
    private final EventPublisher publisher;
    private final long maxBodyBytes;
    private final BodiesInFlight inFlight;

    /**
     * @param maxBodyBytes     the largest body one request may send (413 above)
     * @param maxInFlightBytes the most bytes of bodies processed at once over all requests (503 above); at least
     *                         {@code maxBodyBytes}, so that a body under the limit always fits when sent alone
     */
    public EventRoutes(CanonicalEventParser parser, EventPublisher publisher, long maxBodyBytes, long maxInFlightBytes) {
        if (maxInFlightBytes < maxBodyBytes) {
            throw new IllegalArgumentException("the limit of event bodies in flight (" + maxInFlightBytes
                    + " bytes) must be at least the events body limit (" + maxBodyBytes + " bytes)");
        }
        this.parser = parser;
        this.publisher = publisher;
        this.maxBodyBytes = maxBodyBytes;
        this.inFlight = new BodiesInFlight(maxInFlightBytes);
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
        List<EventBody.Item> items = EventBody.items(body);
        if (items.isEmpty()) {
            throw ApiError.badRequest("the body holds no events; send JSON Lines or a JSON array of events");
        }
        List<CompletableFuture<?>> pending = new ArrayList<>();
        List<Map<String, Object>> rejected = new ArrayList<>();
        long accepted = 0;
        for (EventBody.Item item : items) {
            try {
                pending.add(publisher.publish(parser.parse(item.text())));
                accepted++;
            } catch (InvalidInputException e) {
                Map<String, Object> refusal = new LinkedHashMap<>();
                refusal.put("line", item.line());
                refusal.put("reason", e.reason());
                refusal.put("error", e.getMessage());
                rejected.add(refusal);
                pending.add(publisher.publishRefused(item.text().getBytes(StandardCharsets.UTF_8), e.reason(),
                        e.getMessage(), "api:events:" + item.line()));
            }
        }
        awaitAcknowledged(pending);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", accepted);
        answer.put("rejected", rejected);
        ApiJson.send(ctx, 202, answer);
    }

    private static void awaitAcknowledged(List<CompletableFuture<?>> pending) throws InterruptedException {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw ApiError.unavailable("Kafka did not accept every event (" + e.getCause().getMessage()
                    + "); send the body again: events already written are recognised by their ids");
        } catch (TimeoutException e) {
            throw ApiError.unavailable("Kafka did not acknowledge the events within " + ACK_TIMEOUT_SECONDS
                    + " s; send the body again: events already written are recognised by their ids");
        }
    }
}
