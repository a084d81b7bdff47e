package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;

import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code --metrics-auth token}: {@code GET /metrics} asks for a token like the API, an agent's as well as the admin's. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsAuthIntegrationTest {

    private static final String ADMIN_TOKEN = "admin-secret-for-metrics";

    @TempDir
    static Path dataDir;
    private DeskstreamProcess process;
    private ApiClient admin;

    @BeforeAll
    void startWithMetricsBehindAToken() throws Exception {
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(Topics.withDefaultPrefix(), 1, (short) 1, Duration.ofDays(30)))
                .with(InstanceSettings.defaults().withAdminToken(ADMIN_TOKEN).withMetricsNeedingToken(true));
        process = DeskstreamProcess.start(settings);
        admin = new ApiClient(process.httpUrl(), ADMIN_TOKEN);
    }

    @AfterAll
    void stop() {
        if (process != null) {
            process.close();
        }
    }

    @Test
    void withoutATokenMetricsAnswer401() {
        assertThat(admin.as(null).get("/metrics").status()).isEqualTo(401);
        assertThat(admin.as("not-a-token").get("/metrics").status()).isEqualTo(401);
    }

    @Test
    void withTheAdminTokenMetricsAreServed() {
        ApiClient.Answer metrics = admin.get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds");
    }

    @Test
    void withAnAgentTokenMetricsAreServed() {
        assertThat(admin.put("/api/v1/departments/sales", "{\"name\": \"Sales\"}").status()).isEqualTo(201);
        ApiClient.Answer issued = admin.post("/api/v1/tokens", "{\"role\": \"agent\", \"departments\": [\"sales\"]}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);

        ApiClient agent = admin.as(issued.json().path("token").asText());

        assertThat(agent.get("/metrics").status()).isEqualTo(200);
    }
}
