package io.deskstream.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import io.deskstream.schemas.events.RatingEvent;
import io.deskstream.schemas.events.RatingValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {

    private static final SchemaRegistryClient.Settings FAST =
            new SchemaRegistryClient.Settings(Duration.ofSeconds(1), Duration.ofSeconds(2), 3, Duration.ofMillis(10));
    private static final RatingEvent RATING = new RatingEvent("e-1", Instant.parse("2026-11-02T09:15:00Z"), "t-1",
            RatingValue.positive);

    private RegistryTestServer registry;

    @BeforeEach
    void startRegistry() throws Exception {
        registry = new RegistryTestServer();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldRetryAServerErrorAndThenSucceed() {
        registry.failuresToServe.set(2);
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url(), FAST);

        int id = client.register("s-value", RatingEvent.getClassSchema());

        assertThat(id).isEqualTo(1);
        assertThat(registry.requests.get()).isEqualTo(3);
    }

    @Test
    void shouldNotRetryARequestTheRegistryRefused() {
        registry.failureStatus = 422;
        registry.failuresToServe.set(1);
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url(), FAST);

        assertThatThrownBy(() -> client.register("s-value", RatingEvent.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201))
                .hasMessageContaining(registry.url())
                .hasMessageContaining("planned failure");
        assertThat(registry.requests.get()).isEqualTo(1);
    }

    @Test
    void shouldNameTheRegistryWhenNothingAnswers() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/schema-registry";
        SchemaRegistryClient client = new SchemaRegistryClient(url, FAST);

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("schema registry at " + url + " is unreachable after 4 attempts");
    }

    @Test
    void shouldSerializeFromTheCacheAfterTheFirstRecord() {
        ConfluentAvroSerializer<RatingEvent> serializer =
                new ConfluentAvroSerializer<>(new SchemaRegistryClient(registry.url(), FAST));
        serializer.serialize("deskstream.rating-events", RATING);
        int afterFirst = registry.requests.get();

        serializer.serialize("deskstream.rating-events", RATING);

        assertThat(registry.requests.get()).isEqualTo(afterFirst);
    }

    @Test
    void shouldDeserializeFromTheCacheAfterTheFirstRecord() {
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url(), FAST);
        byte[] bytes = new ConfluentAvroSerializer<RatingEvent>(client).serialize("t", RATING);
        ConfluentAvroDeserializer<RatingEvent> deserializer =
                new ConfluentAvroDeserializer<>(new SchemaRegistryClient(registry.url(), FAST), RatingEvent.class);
        deserializer.deserialize("t", bytes);
        int afterFirst = registry.requests.get();

        deserializer.deserialize("t", bytes);

        assertThat(registry.requests.get()).isEqualTo(afterFirst);
    }

    @Test
    void shouldTreatASubjectWithoutVersionsAsCompatibleWithAnything() {
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url(), FAST);

        assertThat(client.isCompatible("nothing-yet-value", RatingEvent.getClassSchema())).isTrue();
        assertThat(client.latest("nothing-yet-value")).isEmpty();
    }

    @Test
    void shouldSendTheUserInfoAsHttpBasicAuthentication() {
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url(), FAST, "admin:dsk_s3cret:with-colon");

        client.latest("nothing-value");

        assertThat(registry.lastAuthorization).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString("admin:dsk_s3cret:with-colon".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void shouldSendNoCredentialsWithoutUserInfo() {
        new SchemaRegistryClient(registry.url(), FAST).latest("nothing-value");

        assertThat(registry.lastAuthorization).isNull();
    }

    @Test
    void shouldRefuseUserInfoWithoutAColonWithoutShowingIt() {
        assertThatThrownBy(() -> new SchemaRegistryClient(registry.url(), FAST, "just-a-secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("USER:PASSWORD")
                .hasMessageNotContaining("just-a-secret");
    }

    @Test
    void shouldTakeTheUserInfoFromTheSerdeConfigurationAsConfluentNamesIt() {
        ConfluentAvroSerializer<RatingEvent> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(java.util.Map.of(WireConfig.SCHEMA_REGISTRY_URL, registry.url(),
                WireConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                WireConfig.BASIC_AUTH_USER_INFO, "user:pw"), false);

        serializer.serialize("deskstream.rating-events", RATING);

        assertThat(registry.lastAuthorization).isEqualTo("Basic dXNlcjpwdw==");
    }

    @Test
    void shouldUseASchemaRegisteredAlreadyWhenRegisteringIsRefused() {
        registry.writeAuthorization = "Basic dXNlcjpwdw==";
        int id = new SchemaRegistryClient(registry.url(), FAST, "user:pw").register("s-value", RatingEvent.getClassSchema());

        int seenWithoutCredentials = new SchemaRegistryClient(registry.url(), FAST)
                .register("s-value", RatingEvent.getClassSchema());

        assertThat(seenWithoutCredentials).isEqualTo(id);
    }

    @Test
    void shouldSayTheRegistryNeedsCredentialsWhenASchemaIsNewAndRegisteringIsRefused() {
        registry.writeAuthorization = "Basic dXNlcjpwdw==";

        assertThatThrownBy(() -> new SchemaRegistryClient(registry.url(), FAST)
                .register("s-value", RatingEvent.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.errorCode()).isEqualTo(40101);
                })
                .hasMessageContaining("needs credentials");
        assertThatThrownBy(() -> new SchemaRegistryClient(registry.url(), FAST, "user:wrong")
                .register("s-value", RatingEvent.getClassSchema()))
                .hasMessageContaining("refused the credentials");
    }

    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
