package io.deskstream.launcher;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Fails fast, with a hint, when no Kafka answers at the given address, instead of retrying for minutes. */
final class ClusterCheck {

    private static final int TIMEOUT_MS = 10_000;

    private ClusterCheck() {
    }

    static void requireReachable(String bootstrapServers) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS))) {
            admin.describeCluster().clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no Kafka cluster answers at " + bootstrapServers
                    + "; start one with `./deskstream run` (or `demo`) or pass --bootstrap-servers", e);
        }
    }
}
