package io.deskstream.api;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.api.auth.Caller;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * One route of the API: what it answers, who may call it, and how it is described in {@code openapi.json}. Every
 * route is declared through this record, so that the description cannot drift from what is served.
 *
 * @param parameters the query parameters it reads (path parameters come from {@code path})
 * @param body       what the request body holds, or null for none
 * @param response   the JSON Schema of its successful answer, or null when openapi.json describes none
 * @param produces   the media type of a success other than JSON ({@code text/event-stream}), or null for JSON
 */
public record ApiRoute(HandlerType method, String path, Access access, String summary, List<Parameter> parameters,
                       String body, ObjectNode response, String produces, Handler handler) {

    public enum Access {
        /** No token needed. */
        PUBLIC,
        /** The admin token or an agent's token; agents see their departments only. */
        ANY_TOKEN,
        /** The admin token only. */
        ADMIN
    }

    /** A query parameter as openapi.json describes it. */
    public record Parameter(String name, String description) {
    }

    @FunctionalInterface
    public interface Handler {
        void handle(Context ctx, Caller caller) throws Exception;
    }

    public ApiRoute {
        parameters = List.copyOf(parameters);
    }

    public static ApiRoute get(String path, Access access, String summary, Handler handler) {
        return new ApiRoute(HandlerType.GET, path, access, summary, List.of(), null, null, null, handler);
    }

    public static ApiRoute delete(String path, Access access, String summary, Handler handler) {
        return new ApiRoute(HandlerType.DELETE, path, access, summary, List.of(), null, null, null, handler);
    }

    public static ApiRoute put(String path, Access access, String summary, String body, Handler handler) {
        return new ApiRoute(HandlerType.PUT, path, access, summary, List.of(), body, null, null, handler);
    }

    public static ApiRoute post(String path, Access access, String summary, String body, Handler handler) {
        return new ApiRoute(HandlerType.POST, path, access, summary, List.of(), body, null, null, handler);
    }

    public ApiRoute withParameters(List<Parameter> described) {
        return new ApiRoute(method, path, access, summary, described, body, response, produces, handler);
    }

    public ApiRoute withResponse(ObjectNode schema) {
        return new ApiRoute(method, path, access, summary, parameters, body, schema, produces, handler);
    }

    /** The route answers {@code mediaType} on success rather than JSON. */
    public ApiRoute producing(String mediaType) {
        return new ApiRoute(method, path, access, summary, parameters, body, response, mediaType, handler);
    }
}
