package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the processing writes — changelogs and routing decisions — reaches the broker's log in LZ4-compressed batches,
 * read back from the log segments themselves.
 */
class CompressedOutputsIntegrationTest {

    private static final String TOKEN = "compressed-admin-token";

    @TempDir
    Path dataDir;

    @Test
    void theChangelogsAndRoutingDecisionsAreWrittenInLz4Batches() throws Exception {
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(Topics.withDefaultPrefix(), 2, (short) 1, Duration.ofDays(30)))
                .with(InstanceSettings.defaults().withAdminToken(TOKEN));
        try (DeskstreamProcess process = DeskstreamProcess.start(settings)) {
            ApiClient admin = new ApiClient(process.httpUrl(), TOKEN);
            assertThat(admin.put("/api/v1/departments/support", "{\"name\": \"Support\"}").status()).isEqualTo(201);
            assertThat(admin.post("/api/v1/events", """
                    {"id":"c-1","type":"ticket.created","ts":"2026-11-02T09:00:00Z","ticketId":"t-1","channel":"email","departmentId":"support"}
                    {"id":"c-2","type":"ticket.reply","ts":"2026-11-02T09:30:00Z","ticketId":"t-1","agentId":"a-1"}
                    {"id":"c-3","type":"ticket.created","ts":"2026-11-02T10:00:00Z","ticketId":"t-2","channel":"web","departmentId":"support"}
                    """).status()).isEqualTo(202);
            admin.awaitCaughtUp(Duration.ofSeconds(60));

            List<RecordBatch> conversations = batches("-conversations-changelog-");
            List<RecordBatch> routed = batches(Topics.withDefaultPrefix().routedTickets() + "-");
            assertThat(conversations).isNotEmpty();
            assertThat(routed).isNotEmpty();
            assertThat(conversations).allSatisfy(batch -> assertThat(batch.compressionType()).isEqualTo(CompressionType.LZ4));
            assertThat(routed).allSatisfy(batch -> assertThat(batch.compressionType()).isEqualTo(CompressionType.LZ4));
        }
    }

    /** The data batches (not the transaction markers) of the topics whose log folders contain {@code name}. */
    private List<RecordBatch> batches(String name) throws IOException {
        List<RecordBatch> batches = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataDir.resolve("kafka"))) {
            for (Path segment : files.filter(f -> f.getFileName().toString().endsWith(".log")
                    && f.getParent().getFileName().toString().contains(name)).toList()) {
                try (FileRecords records = FileRecords.open(segment.toFile())) {
                    records.batches().forEach(batch -> {
                        if (!batch.isControlBatch()) {
                            batches.add(batch);
                        }
                    });
                }
            }
        }
        return batches;
    }
}
