package io.deskstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deskstream.kafka.broker.BrokerSettings;
import io.deskstream.kafka.broker.EmbeddedKafkaBroker;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.schemas.events.RatingEvent;
import io.deskstream.schemas.events.RatingValue;
import io.deskstream.schemas.wire.ConfluentAvroDeserializer;
import io.deskstream.schemas.wire.ConfluentAvroSerializer;
import io.deskstream.schemas.wire.SchemaRegistryClient;
import io.deskstream.schemas.wire.SchemaRegistryException;
import io.javalin.Javalin;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry on a real broker, served over real HTTP, driven by deskstream's own client and by plain requests.
 * Writes need the secret ({@link RegistryAuth}); the client here sends it as Confluent's clients do.
 */
class EmbeddedSchemaRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "registry-secret-for-tests";
    private static final String USER_INFO = "admin:" + SECRET;
    private static final String BASIC = "Basic " + java.util.Base64.getEncoder()
            .encodeToString(USER_INFO.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    @TempDir
    static Path kafkaDir;
    private static EmbeddedKafkaBroker broker;
    private static int topicNumber;

    private String topic;
    private EmbeddedSchemaRegistry registry;
    private Javalin http;
    private String url;
    private SchemaRegistryClient client;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(new BrokerSettings(kafkaDir, LocalPorts.free(), LocalPorts.free(), 1));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void startRegistry() throws Exception {
        topic = "_schemas-" + (++topicNumber);
        serve(EmbeddedSchemaRegistry.start(Map.of("bootstrap.servers", broker.bootstrapServers()), topic));
    }

    private void serve(EmbeddedSchemaRegistry started) {
        serve(started, RegistryAuth.Scope.WRITES);
    }

    private void serve(EmbeddedSchemaRegistry started, RegistryAuth.Scope scope) {
        registry = started;
        int port = LocalPorts.free();
        http = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            registry.routes(config, "/schema-registry", new RegistryAuth(SECRET, scope));
        }).start();
        url = "http://127.0.0.1:" + port + "/schema-registry";
        client = writer();
    }

    /** A client with the credentials that allow writing. */
    private SchemaRegistryClient writer() {
        return new SchemaRegistryClient(url, SchemaRegistryClient.Settings.defaults(), USER_INFO);
    }

    @AfterEach
    void stopRegistry() {
        http.stop();
        registry.close();
    }

    private static Schema record(String name, String... fields) {
        var builder = SchemaBuilder.record(name).namespace("test").fields();
        for (String field : fields) {
            builder = builder.requiredString(field);
        }
        return builder.endRecord();
    }

    @Test
    void shouldRegisterASchemaAndFindItByIdAndByVersion() {
        Schema v1 = record("Thing", "a");

        int id = client.register("things-value", v1);

        assertThat(id).isEqualTo(1);
        assertThat(client.schemaById(id)).isEqualTo(v1);
        assertThat(client.latest("things-value")).get().satisfies(latest -> {
            assertThat(latest.version()).isEqualTo(1);
            assertThat(latest.id()).isEqualTo(1);
            assertThat(latest.schema()).isEqualTo(v1);
        });
        assertThat(client.subjects()).containsExactly("things-value");
    }

    @Test
    void shouldGiveTheSameIdToTheSameSchemaUnderAnotherSubject() {
        Schema schema = record("Thing", "a");

        int first = client.register("a-value", schema);
        int second = writer().register("b-value", schema);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldGiveDistinctIdsToSchemasRegisteredAtTheSameTime() throws Exception {
        int writers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.List<java.util.concurrent.Future<Integer>> ids = new java.util.ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Schema schema = record("Thing" + i, "a");
            ids.add(pool.submit(() -> writer().register("things-" + schema.getName() + "-value", schema)));
        }
        java.util.Set<Integer> distinct = new java.util.HashSet<>();
        for (var id : ids) {
            distinct.add(id.get());
        }
        pool.shutdown();

        assertThat(distinct).hasSize(writers);
        for (int i = 0; i < writers; i++) {
            assertThat(client.schemaById(i + 1).getName()).startsWith("Thing");
        }
    }

    @Test
    void shouldAnswerTheExistingVersionWhenASchemaIsRegisteredAgain() throws Exception {
        Schema schema = record("Thing", "a");
        client.register("things-value", schema);
        writer().register("things-value", schema);

        assertThat(get("/subjects/things-value/versions").toString()).isEqualTo("[1]");
    }

    @Test
    void shouldAddAVersionForACompatibleChange() throws Exception {
        client.register("things-value", record("Thing", "a"));
        Schema withDefault = SchemaBuilder.record("Thing").namespace("test").fields()
                .requiredString("a").name("b").type().stringType().stringDefault("").endRecord();

        int id = client.register("things-value", withDefault);

        assertThat(id).isEqualTo(2);
        assertThat(get("/subjects/things-value/versions").toString()).isEqualTo("[1,2]");
        assertThat(get("/subjects/things-value/versions/2").path("id").asInt()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaWithAClearError() {
        client.register("things-value", record("Thing", "a"));
        Schema addsFieldWithoutDefault = record("Thing", "a", "b");

        assertThatThrownBy(() -> client.register("things-value", addsFieldWithoutDefault))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(409))
                .hasMessageContaining("incompatible")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
                .hasMessageContaining(url);
        assertThat(client.isCompatible("things-value", addsFieldWithoutDefault)).isFalse();
        assertThat(client.isCompatible("things-value", record("Thing", "a"))).isTrue();
    }

    @Test
    void shouldAcceptAnyChangeWhenTheSubjectsLevelIsNone() throws Exception {
        client.register("things-value", record("Thing", "a"));
        put("/config/things-value", "{\"compatibility\": \"NONE\"}");

        int id = client.register("things-value", record("Thing", "a", "b"));

        assertThat(id).isEqualTo(2);
        assertThat(get("/config/things-value").path("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(get("/config").path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void shouldSetTheGlobalLevel() throws Exception {
        JsonNode answer = put("/config", "{\"compatibility\": \"FULL_TRANSITIVE\"}");

        assertThat(answer.path("compatibility").asText()).isEqualTo("FULL_TRANSITIVE");
        assertThat(get("/config").path("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");
    }

    @Test
    void shouldAnswerConfluentErrorCodesForWhatItDoesNotHave() throws Exception {
        assertThat(status("/subjects/nothing/versions")).isEqualTo(404);
        assertThat(get("/subjects/nothing/versions").path("error_code").asInt()).isEqualTo(40401);
        assertThat(get("/schemas/ids/99").path("error_code").asInt()).isEqualTo(40403);
        client.register("things-value", record("Thing", "a"));
        assertThat(get("/subjects/things-value/versions/7").path("error_code").asInt()).isEqualTo(40402);
        assertThat(get("/subjects/things-value/versions/zero").path("error_code").asInt()).isEqualTo(42202);
        assertThat(get("/config/things-value").path("error_code").asInt()).isEqualTo(40408);
    }

    @Test
    void shouldRefuseABodyThatIsNotASchema() throws Exception {
        JsonNode answer = post("/subjects/things-value/versions", "{\"schema\": \"{not avro\"}");

        assertThat(answer.path("error_code").asInt()).isEqualTo(42201);
    }

    @Test
    void shouldServeTheSchemasWrittenByAnEarlierRegistryOnTheSameTopic() throws Exception {
        Schema schema = record("Thing", "a");
        int id = client.register("things-value", schema);
        http.stop();
        registry.close();

        serve(EmbeddedSchemaRegistry.start(Map.of("bootstrap.servers", broker.bootstrapServers()), topic));

        assertThat(client.schemaById(id)).isEqualTo(schema);
        assertThat(get("/subjects/things-value/versions/latest").path("version").asInt()).isEqualTo(1);
    }

    @Test
    void shouldLetConfluentFramedRecordsBeDecodedWithTheSchemasItServes() {
        RatingEvent rating = new RatingEvent("e-1", Instant.parse("2026-11-02T09:15:00Z"), "t-1", RatingValue.negative);
        byte[] bytes = new ConfluentAvroSerializer<RatingEvent>(client).serialize("deskstream.rating-events", rating);

        RatingEvent read = new ConfluentAvroDeserializer<>(new SchemaRegistryClient(url), RatingEvent.class)
                .deserialize("deskstream.rating-events", bytes);

        assertThat(read).isEqualTo(rating);
    }

    // --- who may call what

    @Test
    void registeringWithConfluentStyleBasicAuthWorksWithAnyUserName() throws Exception {
        String body = schemaBody(record("Thing", "a"));
        String otherUser = "Basic " + java.util.Base64.getEncoder().encodeToString(
                ("deskstream:" + SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(send("POST", "/subjects/things-value/versions", body, BASIC).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/subjects/others-value/versions", body, otherUser).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/subjects/bearer-value/versions", body, "Bearer " + SECRET).statusCode()).isEqualTo(200);
        assertThat(get("/subjects").toString()).isEqualTo("[\"bearer-value\",\"others-value\",\"things-value\"]");
    }

    @Test
    void writesWithoutOrWithWrongCredentialsAnswer401WithAConfluentError() throws Exception {
        String body = schemaBody(record("Thing", "a"));
        String wrongPassword = "Basic " + java.util.Base64.getEncoder().encodeToString(
                "admin:not-the-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (String authorization : java.util.Arrays.asList(null, wrongPassword, "Bearer not-the-secret",
                "Basic " + SECRET, "Basic !!!", "Token " + SECRET)) {
            for (String[] write : new String[][]{{"POST", "/subjects/things-value/versions", body},
                    {"PUT", "/config", "{\"compatibility\": \"NONE\"}"},
                    {"PUT", "/config/things-value", "{\"compatibility\": \"NONE\"}"}}) {
                HttpResponse<String> answer = send(write[0], write[1], write[2], authorization);
                assertThat(answer.statusCode()).as(write[0] + " " + write[1] + " with " + authorization).isEqualTo(401);
                assertThat(answer.headers().firstValue("WWW-Authenticate"))
                        .contains("Basic realm=\"deskstream schema registry\"");
                assertThat(JSON.readTree(answer.body()).path("error_code").asInt()).isEqualTo(40101);
                assertThat(JSON.readTree(answer.body()).path("message").asText()).isNotBlank();
            }
        }
        assertThat(get("/subjects").toString()).isEqualTo("[]");
        assertThat(get("/config").path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void readsStayOpenByDefault() throws Exception {
        Schema schema = record("Thing", "a");
        int id = client.register("things-value", schema);

        assertThat(send("GET", "/subjects", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/schemas/ids/" + id, null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/subjects/things-value/versions/latest", null, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/subjects/things-value", schemaBody(schema), null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/compatibility/subjects/things-value/versions/latest", schemaBody(schema), null)
                .statusCode()).isEqualTo(200);
        assertThat(send("GET", "/config", null, null).statusCode()).isEqualTo(200);
        // A client without credentials serializes with a schema registered already (a lookup, not a write).
        assertThat(new SchemaRegistryClient(url).register("things-value", schema)).isEqualTo(id);
        assertThatThrownBy(() -> new SchemaRegistryClient(url).register("things-value", record("Other", "b")))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
    }

    @Test
    void everyRouteNeedsTheSecretWhenAuthCoversAll() throws Exception {
        http.stop();
        serve(registry, RegistryAuth.Scope.ALL);
        Schema schema = record("Thing", "a");
        int id = client.register("things-value", schema);

        for (String[] read : new String[][]{{"GET", "/subjects", null}, {"GET", "/schemas/ids/" + id, null},
                {"GET", "/subjects/things-value/versions", null}, {"GET", "/subjects/things-value/versions/1/schema", null},
                {"POST", "/subjects/things-value", schemaBody(schema)}, {"GET", "/config", null},
                {"POST", "/compatibility/subjects/things-value/versions/latest", schemaBody(schema)}}) {
            HttpResponse<String> refused = send(read[0], read[1], read[2], null);
            assertThat(refused.statusCode()).as(read[0] + " " + read[1]).isEqualTo(401);
            assertThat(JSON.readTree(refused.body()).path("error_code").asInt()).isEqualTo(40101);
            assertThat(send(read[0], read[1], read[2], "Bearer wrong").statusCode()).as(read[0] + " " + read[1])
                    .isEqualTo(401);
            assertThat(send(read[0], read[1], read[2], BASIC).statusCode()).as(read[0] + " " + read[1]).isEqualTo(200);
        }
        assertThat(writer().schemaById(id)).isEqualTo(schema);
        assertThatThrownBy(() -> new SchemaRegistryClient(url).schemaById(id))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private int status(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private JsonNode put(String path, String body) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", BASIC)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode post(String path, String body) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", BASIC)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
