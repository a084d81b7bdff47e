package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.schemas.config.Department;
import io.deskstream.schemas.config.WorkingInterval;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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

/**
 * A record that makes the processing throw, on the real broker with exactly-once: it goes to the dead letters with
 * reason {@code processing error}, is counted in {@code /status} and {@code /metrics}, and the events after it are
 * processed. The poison is a reply in a department whose time zone does not exist: the API refuses such a
 * department, so it is written straight to the departments topic, as another producer could.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoisonRecordIntegrationTest {

    private static final String ADMIN_TOKEN = "admin-secret-for-poison";

    @TempDir
    static Path dataDir;
    private final Topics topics = Topics.withDefaultPrefix();
    private DeskstreamProcess process;
    private ApiClient admin;

    @BeforeAll
    void startWithADepartmentOnTheMoon() throws Exception {
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(topics, 2, (short) 1, Duration.ofDays(30)))
                .with(InstanceSettings.defaults().withAdminToken(ADMIN_TOKEN));
        process = DeskstreamProcess.start(settings);
        admin = new ApiClient(process.httpUrl(), ADMIN_TOKEN);
        Department moon = Department.newBuilder().setId("moon").setName("Moon base").setTimezone("Mare/Tranquillitatis")
                .setWorkingHours(Map.of("mon", List.of(new WorkingInterval("09:00", "17:00")))).build();
        // The API would create the department's routed-tickets topic before writing it; a producer of its own has to.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, process.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topics.routedTicketsOf("moon"), 2, (short) 1))).all().get();
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, process.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.departments(), "moon",
                    process.recordSerializer().serialize(topics.departments(), moon))).get();
        }
        assertThat(admin.put("/api/v1/departments/support", "{\"name\": \"Support\"}").status()).isEqualTo(201);
        awaitDepartment("moon");
    }

    private void awaitDepartment(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (admin.get("/api/v1/departments/" + id).status() != 200) {
            assertThat(System.nanoTime()).as("department %s known within 30 s", id).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @AfterAll
    void stop() {
        if (process != null) {
            process.close();
        }
    }

    @Test
    void aRecordThatMakesTheProcessingThrowIsADeadLetterAndTheNextEventsAreProcessed() throws Exception {
        ApiClient.Answer ingest = admin.post("/api/v1/events", """
                {"id":"p-1","type":"ticket.created","ts":"2026-11-02T09:00:00Z","ticketId":"moon-t","channel":"email","departmentId":"moon"}
                {"id":"p-2","type":"ticket.reply","ts":"2026-11-02T10:00:00Z","ticketId":"moon-t","agentId":"a-1"}
                {"id":"p-3","type":"ticket.created","ts":"2026-11-02T10:05:00Z","ticketId":"earth-t","channel":"email","departmentId":"support"}
                {"id":"p-4","type":"ticket.reply","ts":"2026-11-02T10:35:00Z","ticketId":"earth-t","agentId":"a-2"}
                """);
        assertThat(ingest.status()).as(ingest.body()).isEqualTo(202);
        JsonNode status = admin.awaitCaughtUp(Duration.ofSeconds(60));

        assertThat(status.path("deadLetters").path("processing error").asLong())
                .isEqualTo(1);
        assertThat(admin.get("/metrics").body())
                .containsPattern("deskstream_dead_letters_total\\{reason=\"processing error\"[^}]*} 1\\.0");
        assertThat(admin.get("/api/v1/conversations/earth-t").json().path("status").asText())
                .as("the events after the poison").isEqualTo("answered");
        assertThat(admin.get("/api/v1/conversations/moon-t").json().path("status").asText())
                .as("the reply that failed changed nothing").isEqualTo("new");
    }
}
