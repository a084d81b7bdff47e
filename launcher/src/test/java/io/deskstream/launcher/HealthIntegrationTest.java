package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liveness and readiness of one instance while the other instance of its deployment stops and starts again: the
 * partitions move, so the instance is not ready for a moment (a load balancer should skip it), then ready again, and
 * alive all along (nothing to restart).
 */
class HealthIntegrationTest {

    private static final String TOKEN = "health-admin-token";

    @TempDir
    Path first;
    @TempDir
    Path second;

    @Test
    void readinessDropsAndComesBackAroundARestartOfTheOtherInstanceWhileLivenessStays200() throws Exception {
        TopicLayout layout = new TopicLayout(Topics.withDefaultPrefix(), 4, (short) 1, Duration.ofDays(30));
        RuntimeSettings a = new RuntimeSettings(first, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, layout).with(InstanceSettings.defaults().withAdminToken(TOKEN));
        try (DeskstreamProcess one = DeskstreamProcess.start(a)) {
            ApiClient probe = new ApiClient(one.httpUrl(), null);
            assertThat(probe.get("/api/v1/health/ready").status()).isEqualTo(200);
            RuntimeSettings b = new RuntimeSettings(second, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                    ZoneOffset.UTC, one.bootstrapServers(), one.schemaRegistryUrl(), layout)
                    .with(InstanceSettings.defaults().withAdminToken(TOKEN));
            List<Integer> ready = Collections.synchronizedList(new ArrayList<>());
            List<Integer> live = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean probing = new AtomicBoolean(true);
            Thread prober = new Thread(() -> {
                while (probing.get()) {
                    ready.add(probe.get("/api/v1/health/ready").status());
                    live.add(probe.get("/api/v1/health/live").status());
                }
            });
            prober.start();
            try {
                try (DeskstreamProcess two = DeskstreamProcess.start(b)) {
                    awaitReady(probe);
                }
                try (DeskstreamProcess twoAgain = DeskstreamProcess.start(b)) {
                    awaitReady(probe);
                }
                awaitReady(probe);
            } finally {
                probing.set(false);
                prober.join();
            }

            assertThat(ready).as("not ready while the partitions moved").contains(503);
            assertThat(ready.get(ready.size() - 1)).as("ready again").isEqualTo(200);
            assertThat(live).as("alive all along").containsOnly(200);
        }
    }

    @Test
    void twoInstancesAdvertisingTheSameAddressAreNotReadyAndSayWhy() throws Exception {
        TopicLayout layout = new TopicLayout(Topics.withDefaultPrefix(), 4, (short) 1, Duration.ofDays(30));
        int firstPort = LocalPorts.free();
        RuntimeSettings a = new RuntimeSettings(first, "127.0.0.1", firstPort, LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, layout).with(InstanceSettings.defaults().withAdminToken(TOKEN));
        try (DeskstreamProcess one = DeskstreamProcess.start(a)) {
            // The second one, on another port, says the others reach it at the first one's address.
            RuntimeSettings b = new RuntimeSettings(second, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                    ZoneOffset.UTC, one.bootstrapServers(), one.schemaRegistryUrl(), layout)
                    .with(InstanceSettings.defaults().withAdminToken(TOKEN)
                            .withAdvertisedAddress("127.0.0.1:" + firstPort));
            try (DeskstreamProcess two = DeskstreamProcess.start(b)) {
                // Whichever of the two does not run every partition that the shared address is said to run finds
                // out; when the group gives one of them everything for a while, only the other can.
                List<ApiClient> probes = List.of(new ApiClient(one.httpUrl(), null), new ApiClient(two.httpUrl(), null));
                long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
                ApiClient.Answer ready = null;
                while (ready == null && System.nanoTime() < deadline) {
                    for (ApiClient probe : probes) {
                        ApiClient.Answer answer = probe.get("/api/v1/health/ready");
                        if (answer.body().contains("advertises")) {
                            ready = answer;
                        }
                    }
                    Thread.sleep(200);
                }
                assertThat(ready).as("an instance saying that its address is shared, within 180 s").isNotNull();
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json().path("error").asText())
                        .contains("another instance advertises", "127.0.0.1:" + firstPort, "--advertised-address");
                ApiClient probeTwo = probes.get(1);
                assertThat(probeTwo.get("/api/v1/health/live").status()).isEqualTo(200);
            }
        }
    }

    /** Waits for a rebalance to start and end: not ready, then ready. */
    private static void awaitReady(ApiClient probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Thread.sleep(500);
        while (probe.get("/api/v1/health/ready").status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not ready again within 90 s: " + probe.get("/api/v1/health/ready").body());
            }
            Thread.sleep(50);
        }
    }
}
