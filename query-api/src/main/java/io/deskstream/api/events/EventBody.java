package io.deskstream.api.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.api.ApiError;
import io.deskstream.api.ApiJson;

/**
 * The body of {@code POST /api/v1/events}: JSON Lines, or one JSON array of events, read up to a limit. Each event
 * keeps its line number (JSON Lines) or its position from 1 (array), for the errors.
 */
final class EventBody {

    /** One event as received, before it is parsed. */
    record Item(long line, String text) {
    }

    /** How much of a body without a Content-Length is reserved, and read, at a time. */
    static final int STEP = 1024 * 1024;
    /** The largest body one array holds. */
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private EventBody() {
    }

    /**
     * Reads the body, reserving its bytes in {@code reservation} before they are read: with a {@code Content-Length},
     * all of it at once (so an oversized or unaffordable body is refused before a byte of it is read); without one
     * (chunked), {@link #STEP} at a time as it arrives.
     */
    static byte[] readLimited(InputStream in, long declaredLength, long limit, BodiesInFlight.Reservation reservation)
            throws IOException {
        limit = Math.min(limit, MAX_ARRAY_BYTES);
        if (declaredLength > limit) {
            throw tooLarge(limit);
        }
        if (declaredLength >= 0) {
            reservation.add(declaredLength);
            byte[] bytes = new byte[(int) declaredLength];
            int read = in.readNBytes(bytes, 0, bytes.length);
            if (read < bytes.length) {
                throw ApiError.badRequest("the body ended after " + read + " of the " + declaredLength
                        + " bytes its Content-Length announced");
            }
            return bytes;
        }
        List<byte[]> parts = new ArrayList<>();
        long total = 0;
        while (true) {
            if (total == limit) {
                if (in.read() >= 0) {
                    throw tooLarge(limit);
                }
                break;
            }
            int step = (int) Math.min(STEP, limit - total);
            reservation.add(step);
            byte[] part = in.readNBytes(step);
            total += part.length;
            parts.add(part);
            if (part.length < step) {
                break;
            }
        }
        reservation.trimTo(total);
        byte[] bytes = new byte[(int) total];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, bytes, at, part.length);
            at += part.length;
        }
        return bytes;
    }

    /** Reads and throws away up to {@code atMost} bytes of what is left of a body, holding none of it. */
    static void discard(InputStream in, long atMost) {
        byte[] buffer = new byte[64 * 1024];
        long left = atMost;
        try {
            for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0; ) {
                left -= n;
            }
        } catch (IOException e) {
            // The client stopped sending: nothing more to throw away.
        }
    }

    static List<Item> items(byte[] body) {
        int first = 0;
        while (first < body.length && Character.isWhitespace(body[first])) {
            first++;
        }
        return first < body.length && body[first] == '[' ? arrayItems(body) : lineItems(body);
    }

    /** Each line decoded on its own, so that the body is not held a second time as one string while it is split. */
    private static List<Item> lineItems(byte[] body) {
        List<Item> items = new ArrayList<>();
        long line = 0;
        for (int start = 0; start <= body.length; ) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            int stop = end < body.length && end > start && body[end - 1] == '\r' ? end - 1 : end;
            line++;
            String text = new String(body, start, stop - start, StandardCharsets.UTF_8);
            if (!text.isBlank()) {
                items.add(new Item(line, text));
            }
            start = end + 1;
        }
        return items;
    }

    private static List<Item> arrayItems(byte[] body) {
        List<Item> items = new ArrayList<>();
        try (JsonParser parser = ApiJson.MAPPER.createParser(body)) {
            parser.nextToken();
            long position = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw ApiError.badRequest("the JSON array of events is not closed");
                }
                JsonNode event = ApiJson.MAPPER.readTree(parser);
                items.add(new Item(++position, event.toString()));
            }
            if (parser.nextToken() != null) {
                throw ApiError.badRequest("the body holds something after the JSON array of events");
            }
        } catch (IOException e) {
            throw ApiError.badRequest("the body starts as a JSON array but is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        return items;
    }

    private static ApiError tooLarge(long limit) {
        return ApiError.tooLarge("the body is larger than " + limit + " bytes (the events body limit); "
                + "send the events in several requests, or raise --max-events-body");
    }
}
