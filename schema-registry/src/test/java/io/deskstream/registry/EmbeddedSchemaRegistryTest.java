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

/** The registry on a real broker, served over real HTTP, driven by deskstream's own client and by plain requests. */
class EmbeddedSchemaRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
        registry = started;
        int port = LocalPorts.free();
        http = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            registry.routes(config, "/schema-registry");
        }).start();
        url = "http://127.0.0.1:" + port + "/schema-registry";
        client = new SchemaRegistryClient(url);
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
        int second = new SchemaRegistryClient(url).register("b-value", schema);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldGiveDistinctIdsToSchemasRegisteredAtTheSameTime() throws Exception {
        int writers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.List<java.util.concurrent.Future<Integer>> ids = new java.util.ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Schema schema = record("Thing" + i, "a");
            ids.add(pool.submit(() -> new SchemaRegistryClient(url).register("things-" + schema.getName() + "-value", schema)));
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
        new SchemaRegistryClient(url).register("things-value", schema);

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

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private int status(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private JsonNode put(String path, String body) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode post(String path, String body) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
