package io.deskstream.schemas.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small HTTP peer speaking the registry routes the client uses, for testing the client's own behaviour (caching,
 * retries, errors). The real registry and its tests live in the schema-registry module.
 */
final class RegistryTestServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<String> schemas = new ArrayList<>();
    private final Map<String, List<Integer>> subjects = new HashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger failuresToServe = new AtomicInteger();
    volatile int failureStatus = 503;
    /** When set, registering needs this {@code Authorization} header (401 otherwise); reads stay open. */
    volatile String writeAuthorization;
    /** The {@code Authorization} header of the last request, or null. */
    volatile String lastAuthorization;

    RegistryTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/schema-registry";
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
        String path = exchange.getRequestURI().getPath().substring("/schema-registry".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            reply(exchange, failureStatus, "{\"error_code\": " + failureStatus + "01, \"message\": \"planned failure\"}");
            return;
        }
        String[] parts = path.split("/");
        if (exchange.getRequestMethod().equals("POST") && path.matches("/subjects/[^/]+/versions")
                && writeAuthorization != null && !writeAuthorization.equals(lastAuthorization)) {
            reply(exchange, 401, "{\"error_code\": 40101, \"message\": \"registering needs credentials\"}");
        } else if (exchange.getRequestMethod().equals("POST") && path.matches("/subjects/[^/]+")
                && subjects.containsKey(parts[2])) {
            String schema = JSON.readTree(body).path("schema").asText();
            List<Integer> ids = subjects.get(parts[2]);
            int id = schemas.indexOf(schema) + 1;
            if (id == 0 || !ids.contains(id)) {
                reply(exchange, 404, "{\"error_code\": 40403, \"message\": \"Schema not found.\"}");
            } else {
                reply(exchange, 200, JSON.createObjectNode().put("subject", parts[2]).put("version", ids.indexOf(id) + 1)
                        .put("id", id).put("schema", schema).toString());
            }
        } else if (exchange.getRequestMethod().equals("POST") && path.matches("/subjects/[^/]+/versions")) {
            String schema = JSON.readTree(body).path("schema").asText();
            int id = schemas.indexOf(schema) + 1;
            if (id == 0) {
                schemas.add(schema);
                id = schemas.size();
            }
            subjects.computeIfAbsent(parts[2], s -> new ArrayList<>()).add(id);
            reply(exchange, 200, "{\"id\": " + id + "}");
        } else if (path.matches("/schemas/ids/\\d+") && Integer.parseInt(parts[3]) <= schemas.size()) {
            reply(exchange, 200, JSON.createObjectNode().put("schema", schemas.get(Integer.parseInt(parts[3]) - 1)).toString());
        } else if (path.matches("/subjects/[^/]+/versions/latest") && subjects.containsKey(parts[2])) {
            List<Integer> ids = subjects.get(parts[2]);
            int id = ids.get(ids.size() - 1);
            reply(exchange, 200, JSON.createObjectNode().put("subject", parts[2]).put("version", ids.size())
                    .put("id", id).put("schema", schemas.get(id - 1)).toString());
        } else {
            reply(exchange, 404, "{\"error_code\": 40401, \"message\": \"Subject not found.\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", SchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
