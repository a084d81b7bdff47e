package io.deskstream.api.stream;

import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.deskstream.api.ApiError;
import io.deskstream.api.ApiJson;
import io.deskstream.api.auth.AccessTokens;
import io.deskstream.api.auth.Caller;
import io.javalin.http.sse.SseClient;

/**
 * One open stream, and what is waiting to be written to it. Writes happen on a sender thread, one at a time per
 * stream, never on the thread that found a new answer: a slow client delays only itself, and it gets the newest
 * answer when it is ready, not every answer it missed.
 */
final class StreamSubscriber {

    static final String ANSWER_EVENT = "report";
    static final String CLOSING_EVENT = "closing";

    private final SseClient client;
    private final Caller caller;
    private final String authorization;
    private final Executor sender;
    private final AtomicBoolean released = new AtomicBoolean();

    // What waits to be written, guarded by this.
    private StreamedAnswer pending;
    private long offered;
    private boolean heartbeat;
    private String closing;
    private boolean draining;

    StreamSubscriber(SseClient client, Caller caller, String authorization, Executor sender) {
        this.client = client;
        this.caller = caller;
        this.authorization = authorization;
        this.sender = sender;
    }

    /** Runs {@code release} once when the stream closes, whoever closes it: the server, or a client gone away. */
    void whenClosed(Runnable release) {
        client.onClose(() -> {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        });
    }

    String authorization() {
        return authorization;
    }

    /** Sends {@code answer} unless a newer one was sent or is waiting. */
    synchronized void offer(StreamedAnswer answer) {
        if (closing != null || answer.id() <= offered) {
            return;
        }
        offered = answer.id();
        pending = answer;
        wake();
    }

    /** Takes {@code id} as sent already: the client said it has that answer ({@code Last-Event-ID}). */
    synchronized void alreadyHas(long id) {
        offered = Math.max(offered, id);
    }

    synchronized void heartbeat() {
        if (closing == null) {
            heartbeat = true;
            wake();
        }
    }

    /** Ends the stream with a last event saying why. */
    synchronized void closeWith(String reason) {
        if (closing == null) {
            closing = reason;
            pending = null;
            wake();
        }
    }

    /**
     * Whether the token of this stream still sees what it saw when the stream opened; a token revoked, or whose
     * departments changed, does not. A store not ready (a rebalance) is not a no.
     */
    boolean stillAllowed(AccessTokens tokens) {
        try {
            return tokens.authenticate(authorization).equals(caller);
        } catch (ApiError e) {
            return e.status() != 401;
        }
    }

    boolean closed() {
        return released.get();
    }

    private void wake() {
        if (!draining) {
            draining = true;
            sender.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            StreamedAnswer answer;
            boolean comment;
            String reason;
            synchronized (this) {
                answer = pending;
                comment = heartbeat;
                reason = closing;
                pending = null;
                heartbeat = false;
                if (answer == null && !comment && (reason == null || client.terminated())) {
                    draining = false;
                    return;
                }
            }
            if (client.terminated()) {
                continue; // the client went away: drop what waited, and stop at the next look
            }
            if (answer != null) {
                client.sendEvent(ANSWER_EVENT, new ByteArrayInputStream(answer.body()), String.valueOf(answer.id()));
            }
            if (comment && !client.terminated()) {
                client.sendComment("heartbeat");
            }
            if (reason != null && !client.terminated()) {
                client.sendEvent(CLOSING_EVENT, json(reason), null);
                client.close();
            }
        }
    }

    private static String json(String reason) {
        try {
            return ApiJson.MAPPER.writeValueAsString(Map.of("error", reason));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a closing event could not be written", e);
        }
    }
}
