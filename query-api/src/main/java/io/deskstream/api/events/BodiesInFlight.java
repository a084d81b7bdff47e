package io.deskstream.api.events;

import java.util.concurrent.atomic.AtomicLong;

import io.deskstream.api.ApiError;

/**
 * The bytes of {@code POST /api/v1/events} bodies being processed at once, over all concurrent requests, kept under a
 * limit ({@code --max-events-in-flight}). A request reserves its bytes before it reads them — all of its
 * {@code Content-Length} at once, or step by step as a body without one is read — and gives them back when it has
 * been answered. A reservation that would go over the limit is refused at once with 503 and {@code Retry-After}:
 * nothing of that request has been read or published, so the client simply sends it again.
 */
final class BodiesInFlight {

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    BodiesInFlight(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("the limit of event bodies in flight must be above 0, got " + limit);
        }
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /** The bytes reserved now, over all requests. */
    long held() {
        return held.get();
    }

    /** A request's reservation, empty at first; closing it gives back everything it reserved. */
    Reservation open() {
        return new Reservation();
    }

    final class Reservation implements AutoCloseable {

        private long bytes;

        /**
         * Reserves {@code more} bytes for this request.
         *
         * @throws ApiError 503 with {@code Retry-After} when that would take the bytes in flight over the limit
         */
        void add(long more) {
            if (more <= 0) {
                return;
            }
            long now;
            do {
                now = held.get();
                if (now + more > limit) {
                    throw ApiError.unavailable("too many events are being processed right now: " + now
                            + " bytes of event bodies are in flight, and " + (bytes + more) + " more for this request"
                            + " would go over the limit of " + limit + " bytes (--max-events-in-flight); nothing of"
                            + " this request was read or published: send it again in a moment");
                }
            } while (!held.compareAndSet(now, now + more));
            bytes += more;
        }

        /** Gives back what this request reserved beyond {@code needed} bytes. */
        void trimTo(long needed) {
            if (bytes > needed) {
                held.addAndGet(needed - bytes);
                bytes = needed;
            }
        }

        @Override
        public void close() {
            held.addAndGet(-bytes);
            bytes = 0;
        }
    }
}
