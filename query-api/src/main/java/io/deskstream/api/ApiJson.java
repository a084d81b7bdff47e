package io.deskstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/** The one JSON mapper of the API, and reading a request body as a JSON object with a clear error. */
public final class ApiJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiJson() {
    }

    public static ObjectNode object(Context ctx) {
        JsonNode body;
        try {
            body = MAPPER.readTree(ctx.bodyAsBytes());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiError.badRequest("the body is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiError.badRequest("the body could not be read: " + e.getMessage());
        }
        if (!(body instanceof ObjectNode object)) {
            throw ApiError.badRequest("the body must be a JSON object");
        }
        return object;
    }

    public static void send(Context ctx, int status, Object value) {
        ctx.status(status);
        ctx.contentType("application/json");
        try {
            ctx.result(MAPPER.writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written as JSON", e);
        }
    }
}
