package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;

import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo is useful at once: its simulator is ready without sending anything (the banner comes first), then writes
 * the history in the background, and the report fills in while it does.
 */
class DemoHistoryTest {

    private static final String TOKEN = "demo-history-token";

    @TempDir
    Path dataDir;

    @Test
    void theHistoryIsWrittenAfterTheSimulatorIsReadyAndTheReportFillsInWhileItIs() throws Exception {
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(Topics.withDefaultPrefix(), 2, (short) 1,
                Duration.ofDays(30))).with(InstanceSettings.defaults().withAdminToken(TOKEN));
        try (DeskstreamProcess process = DeskstreamProcess.start(settings)) {
            SimulatorFeed feed = process.keep(SimulatorFeed.prepare(process, new SimulatorSettings(2, 1, 7L)));
            assertThat(feed.sent()).as("nothing is sent before the banner").isZero();

            feed.start();

            ApiClient api = new ApiClient(process.httpUrl(), TOKEN);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            long created = 0;
            while (created == 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                for (var row : api.get("/api/v1/reports/departments?granularity=total").json().path("rows")) {
                    created += row.path("tickets_created").asLong();
                }
            }
            // The report may count the first hour's tickets before the feed has every acknowledgement of that hour
            // (and so before sent() moves): the report is what shows that the history was written.
            assertThat(created).as("tickets of the history in the report").isPositive();
        }
    }
}
