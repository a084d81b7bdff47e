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

    private EventBody() {
    }

    static byte[] readLimited(InputStream in, long declaredLength, long limit) throws IOException {
        if (declaredLength > limit) {
            throw tooLarge(limit);
        }
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw tooLarge(limit);
        }
        return bytes;
    }

    static List<Item> items(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String start = text.stripLeading();
        return start.startsWith("[") ? arrayItems(body) : lineItems(text);
    }

    private static List<Item> lineItems(String text) {
        List<Item> items = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                items.add(new Item(i + 1, lines[i]));
            }
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
