package io.deskstream.registry;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST API, the part that serializers, deserializers and tools use: subjects and
 * versions, schemas by id, compatibility checks and compatibility levels. Errors are Confluent's
 * {@code {"error_code", "message"}}, never a stack trace. Every route is a read or a write, and {@link RegistryAuth}
 * decides who may call it before anything else is looked at.
 */
final class SchemaRegistryRoutes {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final boolean READ = false;
    private static final boolean WRITE = true;

    private final SchemaStore store;
    private final RegistryAuth auth;

    SchemaRegistryRoutes(SchemaStore store, RegistryAuth auth) {
        this.store = store;
        this.auth = auth;
    }

    void declare(JavalinConfig config, String base) {
        var routes = config.routes;
        routes.get(base + "/subjects", answer(READ, ctx -> array(store.subjects())));
        routes.get(base + "/subjects/{subject}/versions", answer(READ, ctx -> array(store.versions(ctx.pathParam("subject")))));
        routes.post(base + "/subjects/{subject}/versions", answer(WRITE, ctx -> {
            SubjectVersion registered = store.register(ctx.pathParam("subject"), schemaOf(ctx));
            return JSON.createObjectNode().put("id", registered.id());
        }));
        routes.get(base + "/subjects/{subject}/versions/{version}", answer(READ, ctx ->
                versionJson(store.version(ctx.pathParam("subject"), ctx.pathParam("version")))));
        routes.get(base + "/subjects/{subject}/versions/{version}/schema", answer(READ, ctx ->
                JSON.readTree(store.version(ctx.pathParam("subject"), ctx.pathParam("version")).schema().toString())));
        routes.post(base + "/subjects/{subject}", answer(READ, ctx -> {
            String subject = ctx.pathParam("subject");
            store.versions(subject);
            return versionJson(store.lookup(subject, new org.apache.avro.Schema.Parser().parse(schemaOf(ctx)))
                    .orElseThrow(() -> RegistryError.schemaNotFound("under subject '" + subject + "'")));
        }));
        routes.get(base + "/schemas/ids/{id}", answer(READ, ctx ->
                JSON.createObjectNode().put("schema", store.schemaById(id(ctx)).toString())));
        routes.post(base + "/compatibility/subjects/{subject}/versions/{version}", answer(READ, ctx -> {
            List<String> problems = store.compatibilityProblems(ctx.pathParam("subject"), ctx.pathParam("version"),
                    schemaOf(ctx));
            ObjectNode result = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
            if ("true".equals(ctx.queryParam("verbose"))) {
                problems.forEach(result.putArray("messages")::add);
            }
            return result;
        }));
        routes.get(base + "/config", answer(READ, ctx ->
                JSON.createObjectNode().put("compatibilityLevel", store.globalLevel().name())));
        routes.put(base + "/config", answer(WRITE, ctx ->
                JSON.createObjectNode().put("compatibility", store.setLevel(null, levelOf(ctx)).name())));
        routes.get(base + "/config/{subject}", answer(READ, ctx -> {
            String subject = ctx.pathParam("subject");
            CompatibilityLevel level = store.subjectLevel(subject).orElseGet(() -> {
                if ("true".equals(ctx.queryParam("defaultToGlobal"))) {
                    return store.globalLevel();
                }
                throw new RegistryError(404, 40408, "Subject '" + subject + "' does not have subject-level compatibility configured");
            });
            return JSON.createObjectNode().put("compatibilityLevel", level.name());
        }));
        routes.put(base + "/config/{subject}", answer(WRITE, ctx ->
                JSON.createObjectNode().put("compatibility", store.setLevel(ctx.pathParam("subject"), levelOf(ctx)).name())));
    }

    private interface Answer {
        JsonNode of(Context ctx) throws Exception;
    }

    /** Runs a route the caller may call and writes its JSON, or the Confluent error it refused with. */
    private Handler answer(boolean write, Answer answer) {
        return ctx -> {
            ctx.contentType(CONTENT_TYPE);
            try {
                auth.check(ctx.header("Authorization"), write);
                ctx.result(answer.of(ctx).toString());
            } catch (RegistryError e) {
                error(ctx, e.httpStatus(), e.errorCode(), e.getMessage());
            } catch (IOException | org.apache.avro.SchemaParseException e) {
                error(ctx, 422, 42201, "Invalid schema or request body: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("schema registry request {} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, 50001, "Error in the backend data store: " + e.getMessage());
            }
        };
    }

    private static void error(Context ctx, int status, int code, String message) {
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Basic realm=\"" + RegistryAuth.REALM + "\"");
        }
        ctx.status(status).result(JSON.createObjectNode().put("error_code", code).put("message", message).toString());
    }

    private static String schemaOf(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new RegistryError(422, 42201, "Invalid schema: only AVRO schemas are supported, not " + type);
        }
        if (!body.path("schema").isTextual()) {
            throw RegistryError.invalidSchema("the body needs a \"schema\" string");
        }
        return body.path("schema").asText();
    }

    private static CompatibilityLevel levelOf(Context ctx) throws IOException {
        return CompatibilityLevel.parse(body(ctx).path("compatibility").asText(null));
    }

    private static JsonNode body(Context ctx) throws IOException {
        JsonNode body = JSON.readTree(ctx.body());
        if (body == null || !body.isObject()) {
            throw new RegistryError(422, 42201, "the request body must be a JSON object");
        }
        return body;
    }

    private static int id(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw RegistryError.schemaNotFound("with id " + ctx.pathParam("id"));
        }
    }

    private static ObjectNode versionJson(SubjectVersion v) {
        return JSON.createObjectNode().put("subject", v.subject()).put("version", v.version()).put("id", v.id())
                .put("schema", v.schema().toString());
    }

    private static ArrayNode array(List<?> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(v -> {
            if (v instanceof Integer i) {
                array.add(i);
            } else {
                array.add(v.toString());
            }
        });
        return array;
    }
}
