package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export as {@code GET /api/v1/status} shows it, from the Connect worker that {@code deskstream run} embeds: each
 * connector's tasks and their state, the newest hour each format has closed, and the lag of the stage before it.
 * Exports are on here; {@link ApiRoutesIntegrationTest} shows the status of a process that runs none.
 */
class ExportStatusIntegrationTest {

    private static final String TOKEN = "export-status-token";

    @TempDir
    Path dataDir;

    private RuntimeSettings exporting() {
        return new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(), ZoneOffset.UTC,
                null, null, new TopicLayout(Topics.withDefaultPrefix(), 2, (short) 1, Duration.ofDays(30)))
                .with(InstanceSettings.defaults().withAdminToken(TOKEN).withExports(
                        new InstanceSettings.Exports(true, null, Duration.ZERO, Duration.ofSeconds(1))));
    }

    @Test
    void statusShowsBothExportTasksRunningAndTheNewestHourClosedAfterAnExport() throws Exception {
        try (DeskstreamProcess process = DeskstreamProcess.start(exporting())) {
            ApiClient api = new ApiClient(process.httpUrl(), TOKEN);
            assertThat(api.put("/api/v1/departments/sales", "{\"name\": \"Sales\"}").status()).isEqualTo(201);
            assertThat(api.post("/api/v1/events", """
                    {"id": "e-1", "type": "ticket.created", "ts": "2026-11-02T08:10:00Z", "ticketId": "t-1", "channel": "email", "departmentId": "sales"}
                    {"id": "e-2", "type": "ticket.created", "ts": "2026-11-02T09:15:00Z", "ticketId": "t-2", "channel": "web", "departmentId": "sales"}
                    {"id": "e-3", "type": "ticket.reply", "ts": "2026-11-02T09:40:00Z", "ticketId": "t-2", "agentId": "a-1"}
                    """).status()).isEqualTo(202);

            JsonNode export = awaitStatus(api, "export", e -> e.path("connectors").size() == 2
                    && e.findValuesAsText("newestHourClosed").stream().allMatch("2026-11-02T09:00:00Z"::equals));

            assertThat(export.path("enabled").asBoolean()).isTrue();
            assertThat(export.path("connectors").findValuesAsText("format")).containsExactly("parquet", "csv");
            for (JsonNode connector : export.path("connectors")) {
                assertThat(connector.path("name").asText()).isEqualTo("deskstream-" + connector.path("format").asText()
                        + "-export");
                assertThat(connector.path("state").asText()).isEqualTo("RUNNING");
                assertThat(connector.path("tasks")).hasSize(1);
                assertThat(connector.path("tasks").get(0).path("state").asText()).isEqualTo("RUNNING");
                assertThat(connector.path("tasks").get(0).has("error")).isFalse();
                assertThat(connector.path("newestHourClosed").asText()).isEqualTo("2026-11-02T09:00:00Z");
            }
            // The stage publishes every 2 s and commits past its transaction marker after that: its lag reaches 0
            // a little after the export shows the hour.
            JsonNode stage = awaitStatus(api, "reportStage", st -> st.path("lag").asLong(-1) == 0);
            assertThat(stage.path("topic").asText()).isEqualTo(Topics.withDefaultPrefix().reportCellShares());
            assertThat(stage.path("read").asLong()).isPositive();
            assertThat(stage.path("lag").asLong()).isZero();
        }
    }

    @Test
    void aSinkTaskThatCannotWriteItsStateShowsFailedWithItsError() throws Exception {
        // Where the CSV export keeps its bookkeeping, a file: its task cannot make the folder, and fails.
        Path blocked = dataDir.resolve("exports").resolve("_state").resolve("format=csv");
        Files.createDirectories(blocked.getParent());
        Files.writeString(blocked, "not a folder");
        try (DeskstreamProcess process = DeskstreamProcess.start(exporting())) {
            ApiClient api = new ApiClient(process.httpUrl(), TOKEN);

            JsonNode export = awaitStatus(api, "export", e -> e.path("connectors").size() == 2
                    && e.path("connectors").get(1).path("tasks").path(0).path("state").asText().equals("FAILED")
                    && e.path("connectors").get(0).path("tasks").path(0).path("state").asText().equals("RUNNING"));

            JsonNode csv = export.path("connectors").get(1);
            assertThat(csv.path("format").asText()).isEqualTo("csv");
            assertThat(csv.path("tasks").get(0).path("error").asText())
                    .contains("cannot recover the export of deskstream.report-rows", blocked.toString(),
                            "Not a directory")
                    .doesNotContain("\tat ");
            JsonNode parquet = export.path("connectors").get(0);
            assertThat(parquet.path("tasks").get(0).has("error")).isFalse();
        }
    }

    /** Polls the status until its {@code part} ("export", "reportStage") is as expected. */
    private static JsonNode awaitStatus(ApiClient api, String part, Predicate<JsonNode> expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            ApiClient.Answer status = api.get("/api/v1/status");
            if (status.status() == 200) {
                last = status.json().path(part);
                if (expected.test(last)) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the status's " + part + " is not as expected within 90 s; last: " + last);
    }
}
