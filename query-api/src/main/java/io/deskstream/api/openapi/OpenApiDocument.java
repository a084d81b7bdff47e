package io.deskstream.api.openapi;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.api.ApiJson;
import io.deskstream.api.ApiRoute;

/**
 * {@code openapi.json} (OpenAPI 3.1), written from the routes the server declares, so it describes exactly what is
 * served: every path and method, who may call it, its parameters, its body and its errors.
 */
public final class OpenApiDocument {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    private OpenApiDocument() {
    }

    public static ObjectNode of(List<ApiRoute> routes, String version) {
        ObjectNode doc = ApiJson.MAPPER.createObjectNode();
        doc.put("openapi", "3.1.0");
        doc.putObject("info")
                .put("title", "deskstream API")
                .put("version", version)
                .put("description", "The department report of a help desk, live from event streams. Errors are "
                        + "{\"error\": \"...\"} with a 4xx or 5xx status; 503 comes with Retry-After; when Kafka "
                        + "or the schema registry is at fault, \"dependency\" names it.");
        ObjectNode schemes = doc.putObject("components").putObject("securitySchemes");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer")
                .put("description", "The admin token, or an agent token from POST /api/v1/tokens");
        ObjectNode error = doc.with("components").putObject("schemas").putObject("Error");
        error.put("type", "object");
        ObjectNode properties = error.putObject("properties");
        properties.putObject("error").put("type", "string");
        ObjectNode dependency = properties.putObject("dependency").put("type", "string")
                .put("description", "On 502 and 503 when Kafka or the schema registry is at fault: which one");
        dependency.putArray("enum").add("kafka").add("schema-registry");
        error.putArray("required").add("error");
        ObjectNode paths = doc.putObject("paths");
        for (ApiRoute route : routes) {
            ObjectNode path = paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
            path.set(route.method().name().toLowerCase(Locale.ROOT), operation(route));
        }
        return doc;
    }

    private static ObjectNode operation(ApiRoute route) {
        ObjectNode op = ApiJson.MAPPER.createObjectNode();
        op.put("summary", route.summary());
        op.put("description", switch (route.access()) {
            case PUBLIC -> "No token needed.";
            case ANY_TOKEN -> "The admin token or an agent token; an agent sees its departments only.";
            case ADMIN -> "The admin token only.";
        });
        ArrayNode parameters = op.putArray("parameters");
        Matcher names = PATH_PARAMETER.matcher(route.path());
        while (names.find()) {
            parameters.addObject().put("name", names.group(1)).put("in", "path").put("required", true)
                    .putObject("schema").put("type", "string");
        }
        for (ApiRoute.Parameter parameter : route.parameters()) {
            ObjectNode p = parameters.addObject().put("name", parameter.name()).put("in", "query").put("required", false)
                    .put("description", parameter.description());
            p.putObject("schema").put("type", "string");
        }
        if (route.body() != null) {
            op.putObject("requestBody").put("required", true).put("description", route.body())
                    .putObject("content").putObject("application/json").putObject("schema").put("type", "object");
        }
        if (route.access() != ApiRoute.Access.PUBLIC) {
            op.putArray("security").addObject().putArray("bearer");
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode success = responses.putObject("2XX").put("description", "success (200, 201, 202 or 204)");
        if (route.response() != null) {
            success.putObject("content").putObject("application/json").set("schema", route.response().deepCopy());
        }
        if (route.produces() != null) {
            success.putObject("content").putObject(route.produces()).putObject("schema").put("type", "string");
        }
        errorResponse(responses, "4XX", "bad request (400), no or wrong token (401), another department or admin only "
                + "(403), not found (404), not the media type the route answers (406), body too large (413)");
        errorResponse(responses, "502", "Kafka or the schema registry refused the request (credentials, a schema it "
                + "will not take); dependency names it");
        errorResponse(responses, "503", "starting, data moving between instances, too many open streams, or Kafka or "
                + "the schema registry down or too slow (dependency names it): retry after Retry-After seconds")
                .putObject("headers").putObject("Retry-After").put("description", "seconds to wait before asking again")
                .putObject("schema").put("type", "integer");
        return op;
    }

    private static ObjectNode errorResponse(ObjectNode responses, String status, String description) {
        ObjectNode response = responses.putObject(status).put("description", description);
        response.putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", "#/components/schemas/Error");
        return response;
    }
}
