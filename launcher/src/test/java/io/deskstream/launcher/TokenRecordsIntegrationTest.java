package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.deskstream.api.auth.TokenDigest;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.schemas.config.AccessToken;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import io.deskstream.topology.configuration.ConfigurationUpdater;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Token records written straight to the compacted access-tokens topic, as anyone who can write to the brokers could:
 * agent scoping fails closed. A record without departments sees nothing, and bytes that are not a token record are
 * ignored with a warning, grant nothing and do not stop the instance from following the topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenRecordsIntegrationTest {

    private static final String ADMIN_TOKEN = "admin-secret-for-token-records";
    private static final String FIRST_DAY = "from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z";

    @TempDir
    static Path dataDir;
    private DeskstreamProcess process;
    private ApiClient admin;
    private KafkaProducer<String, byte[]> producer;
    private final Topics topics = Topics.withDefaultPrefix();

    @BeforeAll
    void startWithTwoDepartmentsAndAFewConversations() throws Exception {
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(topics, 2, (short) 1, Duration.ofDays(30)))
                .with(InstanceSettings.defaults().withAdminToken(ADMIN_TOKEN));
        process = DeskstreamProcess.start(settings);
        admin = new ApiClient(process.httpUrl(), ADMIN_TOKEN);
        assertThat(admin.put("/api/v1/departments/sales", "{\"name\": \"Sales\"}").status()).isEqualTo(201);
        assertThat(admin.put("/api/v1/departments/support", "{\"name\": \"Support\"}").status()).isEqualTo(201);
        ApiClient.Answer ingest = admin.post("/api/v1/events", """
                {"id":"e-1","type":"ticket.created","ts":"2026-11-02T09:00:00Z","ticketId":"t-1","channel":"email","departmentId":"sales"}
                {"id":"e-2","type":"ticket.created","ts":"2026-11-02T09:10:00Z","ticketId":"t-2","channel":"web","departmentId":"support"}
                """);
        assertThat(ingest.status()).as(ingest.body()).isEqualTo(202);
        admin.awaitCaughtUp(Duration.ofSeconds(60));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, process.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    void stop() {
        if (producer != null) {
            producer.close();
        }
        if (process != null) {
            process.close();
        }
    }

    /** Writes a token record for {@code token} (dsa_<12 hex>_<secret>) straight to the topic. */
    private void writeRecord(String token, List<String> departments) throws Exception {
        String id = token.substring(4, 16);
        AccessToken record = AccessToken.newBuilder().setId(id).setSecretSha256(TokenDigest.sha256Hex(token))
                .setRole("agent").setDepartments(departments).setCreatedAt(Instant.now()).build();
        write(id, process.recordSerializer().serialize(topics.accessTokens(), record));
    }

    private void write(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topics.accessTokens(), key, value)).get();
    }

    /** Waits until the instance knows the token (or gives up after 30 s), and returns a client using it. */
    private ApiClient known(String token) throws InterruptedException {
        ApiClient client = admin.as(token);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.get("/api/v1/departments").status() == 401 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return client;
    }

    @Test
    void aTokenRecordWithoutDepartmentsSeesNothing() throws Exception {
        String token = "dsa_0123456789ab_no-departments-at-all";
        writeRecord(token, List.of());
        ApiClient nobody = known(token);

        // The admin asks the same report just before: an answer reused for a moment must not reach the empty token.
        String report = "/api/v1/reports/departments?" + FIRST_DAY + "&granularity=total";
        assertThat(admin.get(report).json().path("rows").findValuesAsText("department")).containsExactly("sales", "support");
        ApiClient.Answer answer = nobody.get(report);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("rows")).isEmpty();
        assertThat(nobody.get(report + "&format=csv").body().strip().lines()).hasSize(1);
        assertThat(nobody.get("/api/v1/reports/departments?" + FIRST_DAY + "&groupBy=agent").json().path("rows")).isEmpty();
        assertThat(nobody.get("/internal/v1/report-groups?" + FIRST_DAY + "&granularity=total").json().path("data"))
                .isEmpty();
        assertThat(nobody.get("/api/v1/reports/ticket-status").json().path("rows")).isEmpty();
        assertThat(nobody.get("/api/v1/departments").json().path("departments")).isEmpty();
        assertThat(nobody.get("/api/v1/conversations/t-1").status()).isEqualTo(404);

        for (String named : List.of("/api/v1/reports/departments?department=sales",
                "/api/v1/reports/ticket-status?department=sales", "/api/v1/departments/sales")) {
            ApiClient.Answer refused = nobody.get(named);
            assertThat(refused.status()).as(named).isEqualTo(403);
            assertThat(refused.json().path("error").asText()).as(named).contains("sales");
        }
    }

    @Test
    void bytesThatAreNotATokenRecordAreIgnoredWithAWarningAndTheOtherTokensStillWork() throws Exception {
        Logger handlerLog = (Logger) LoggerFactory.getLogger(ConfigurationUpdater.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        handlerLog.addAppender(warnings);
        try {
            ApiClient.Answer issued = admin.post("/api/v1/tokens", "{\"role\": \"agent\", \"departments\": [\"sales\"]}");
            assertThat(issued.status()).as(issued.body()).isEqualTo(201);
            String salesToken = issued.json().path("token").asText();
            String salesId = issued.json().path("id").asText();

            // Garbage over a valid token's record, and garbage for a token that would see everything if it decoded.
            write(salesId, "{\"departments\": [\"support\"]}".getBytes(StandardCharsets.UTF_8));
            String forged = "dsa_ba5eba11c0de_forged";
            write("ba5eba11c0de", new byte[]{0, 0, 0, 0, 1, 2, 3});

            // The instance goes on following the topic: a token issued afterwards is read back and works.
            ApiClient.Answer later = admin.post("/api/v1/tokens", "{\"role\": \"agent\", \"departments\": [\"support\"]}");
            assertThat(later.status()).as(later.body()).isEqualTo(201);
            ApiClient support = admin.as(later.json().path("token").asText());
            assertThat(support.get("/api/v1/departments").json().path("departments").findValuesAsText("id"))
                    .containsExactly("support");

            ApiClient sales = admin.as(salesToken);
            assertThat(sales.get("/api/v1/departments").json().path("departments").findValuesAsText("id"))
                    .containsExactly("sales");
            assertThat(sales.get("/api/v1/departments/support").status()).isEqualTo(403);
            assertThat(admin.as(forged).get("/api/v1/departments").status()).isEqualTo(401);
            assertThat(admin.get("/api/v1/health").json().path("status").asText()).isEqualTo("RUNNING");

            assertThat(warnings.list).filteredOn(e -> e.getLevel() == Level.WARN)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(message -> assertThat(message).contains(topics.accessTokens()).contains("ignored")
                            .doesNotContain("[\"support\"]"));
        } finally {
            handlerLog.detachAppender(warnings);
        }
    }
}
