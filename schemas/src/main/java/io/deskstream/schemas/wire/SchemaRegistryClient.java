package io.deskstream.schemas.wire;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API: register, look up, check compatibility. Lookups are cached
 * (a schema id never changes its schema), so steady-state serialization makes no HTTP call. Connection failures and
 * 5xx answers are retried with exponential backoff; a 4xx answer is final.
 *
 * <p>With user info ({@code USER:PASSWORD}, as Confluent's {@code basic.auth.user.info}) every request carries it as
 * HTTP Basic authentication. A client whose credentials do not allow registering (none, or read-only ones) still
 * serializes with a schema that is registered already: when registering is refused with 401 or 403, it looks the
 * schema up under its subject, which is a read.
 */
public final class SchemaRegistryClient implements SchemaRegistry {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Timeouts and retries; the defaults suit a registry on the same network. */
    public record Settings(Duration connectTimeout, Duration requestTimeout, int retries, Duration initialBackoff) {

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), 3, Duration.ofMillis(200));
        }

        /**
         * For a call made while an HTTP request waits: one retry, and about 8 s at most in all, so that a registry
         * that is down or too slow is reported while the caller still waits.
         */
        public static Settings interactive() {
            return new Settings(Duration.ofSeconds(3), Duration.ofSeconds(4), 1, Duration.ofMillis(250));
        }
    }

    private final String baseUrl;
    private final Settings settings;
    private final String authorization;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

    public SchemaRegistryClient(String baseUrl, Settings settings) {
        this(baseUrl, settings, null, null);
    }

    public SchemaRegistryClient(String baseUrl) {
        this(baseUrl, Settings.defaults());
    }

    /** @param userInfo {@code USER:PASSWORD} sent as HTTP Basic authentication, or null to send none */
    public SchemaRegistryClient(String baseUrl, Settings settings, String userInfo) {
        this(baseUrl, settings, userInfo, null);
    }

    /** @param tls for an {@code https} registry: whom to trust ({@link PemTrust}); null for the JVM's default */
    public SchemaRegistryClient(String baseUrl, Settings settings, SSLContext tls) {
        this(baseUrl, settings, null, tls);
    }

    /**
     * @param userInfo {@code USER:PASSWORD} sent as HTTP Basic authentication, or null to send none
     * @param tls for an {@code https} registry: whom to trust ({@link PemTrust}); null for the JVM's default
     */
    public SchemaRegistryClient(String baseUrl, Settings settings, String userInfo, SSLContext tls) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.settings = settings;
        this.authorization = basicAuthorization(userInfo);
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout());
        if (tls != null) {
            http.sslContext(tls);
        }
        this.http = http.build();
    }

    /** {@code USER:PASSWORD} as an HTTP Basic {@code Authorization} value; null for null. Never shows the value. */
    private static String basicAuthorization(String userInfo) {
        if (userInfo == null) {
            return null;
        }
        if (userInfo.indexOf(':') < 0) {
            throw new IllegalArgumentException("the schema registry's user info must be USER:PASSWORD (no ':' found)");
        }
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
    @Override
    public int register(String subject, Schema schema) {
        Map<Schema, Integer> known = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = known.get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer;
        try {
            answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        } catch (SchemaRegistryException refused) {
            if (!refused.credentialsRefused()) {
                throw refused;
            }
            answer = registeredAlready(subject, schema).orElseThrow(() -> refused);
        }
        int id = answer.path("id").asInt();
        known.put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /** The version of {@code schema} under {@code subject}, when it is registered there: a read, not a write. */
    private Optional<JsonNode> registeredAlready(String subject, Schema schema) {
        try {
            return Optional.of(send("POST", "/subjects/" + encode(subject), schemaBody(schema)));
        } catch (SchemaRegistryException e) {
            return Optional.empty();
        }
    }

    /** The schema with this global id. */
    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null);
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    /** The newest version under {@code subject}, or empty when the subject has none. */
    @Override
    public Optional<RegisteredSchema> latest(String subject) {
        try {
            return Optional.of(registered(send("GET", "/subjects/" + encode(subject) + "/versions/latest", null)));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == 40401 || e.errorCode() == 40402) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Whether {@code schema} may be registered under {@code subject}; a subject without versions takes anything. */
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                    schemaBody(schema));
            return answer.path("is_compatible").asBoolean();
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == 40401 || e.errorCode() == 40402) {
                return true;
            }
            throw e;
        }
    }

    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null).forEach(s -> subjects.add(s.asText()));
        return subjects;
    }

    private static RegisteredSchema registered(JsonNode node) {
        return new RegisteredSchema(node.path("subject").asText(), node.path("version").asInt(),
                node.path("id").asInt(), new Schema.Parser().parse(node.path("schema").asText()));
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(settings.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json")
                .header("Content-Type", CONTENT_TYPE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        Duration backoff = settings.initialBackoff();
        String lastFailure = "";
        int attempts = settings.retries() + 1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() < 300) {
                    return JSON.readTree(response.body());
                }
                if (response.statusCode() < 500) {
                    throw refused(method, path, response);
                }
                lastFailure = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                lastFailure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("interrupted while calling the schema registry at " + baseUrl, -1, e);
            }
            if (attempt < attempts) {
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
        throw new SchemaRegistryException("schema registry at " + baseUrl + " is unreachable after " + attempts
                + " attempts (" + method + " " + path + "): " + lastFailure, -1, null);
    }

    private SchemaRegistryException refused(String method, String path, HttpResponse<String> response) {
        int code = -1;
        String message = response.body();
        try {
            JsonNode error = JSON.readTree(response.body());
            code = error.path("error_code").asInt(-1);
            message = error.path("message").asText(message);
        } catch (IOException notJson) {
            // keep the raw body as the message
        }
        String what = switch (response.statusCode()) {
            case 409 -> "the schema is incompatible with the versions already registered";
            case 401, 403 -> authorization == null ? "the registry needs credentials (user info USER:PASSWORD)"
                    : "the registry refused the credentials given";
            default -> "the request was refused";
        };
        return new SchemaRegistryException("schema registry at " + baseUrl + ": " + what + " (" + method + " " + path
                + ", HTTP " + response.statusCode() + "): " + message, response.statusCode(), code, null);
    }

    private static void sleep(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
