package io.deskstream.launcher;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * Fails fast, with a hint, when no Kafka answers at the given address or refuses to let deskstream in, instead of
 * retrying for minutes.
 */
final class ClusterCheck {

    private static final int TIMEOUT_MS = 10_000;

    private ClusterCheck() {
    }

    static void requireReachable(String bootstrapServers, KafkaClientConfig clients) throws InterruptedException {
        Map<String, Object> config = clients.connection(bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        Admin admin;
        try {
            admin = Admin.create(config);
        } catch (KafkaException e) {
            throw new IllegalStateException("the Kafka client settings of " + clients.source() + " do not work: "
                    + rootMessage(e), e);
        }
        try (admin) {
            admin.describeCluster().clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw refused(bootstrapServers, clients, e.getCause());
        } catch (TimeoutException e) {
            throw notAnswering(bootstrapServers, clients, e);
        }
    }

    private static IllegalStateException refused(String bootstrapServers, KafkaClientConfig clients, Throwable cause) {
        if (cause instanceof SslAuthenticationException) {
            return new IllegalStateException("the TLS handshake with Kafka at " + bootstrapServers
                    + " failed, with the settings of " + clients.source() + " (ssl.truststore.*, ssl.keystore.*): " + rootMessage(cause),
                    cause);
        }
        if (cause instanceof AuthenticationException) {
            return new IllegalStateException("Kafka at " + bootstrapServers + " refused the authentication of "
                    + clients.source() + " (security.protocol, sasl.mechanism, sasl.jaas.config): "
                    + rootMessage(cause), cause);
        }
        if (cause instanceof AuthorizationException) {
            return new IllegalStateException("Kafka at " + bootstrapServers + " let deskstream in but refuses it "
                    + "access (the cluster's ACLs): " + rootMessage(cause), cause);
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return notAnswering(bootstrapServers, clients, cause);
        }
        return new IllegalStateException("Kafka at " + bootstrapServers + " failed: " + rootMessage(cause), cause);
    }

    private static IllegalStateException notAnswering(String bootstrapServers, KafkaClientConfig clients,
                                                      Throwable cause) {
        String hint = clients.securityProtocol() == SecurityProtocol.PLAINTEXT
                ? "; start one with `./deskstream run` (or `demo`) or pass --bootstrap-servers (and "
                        + KafkaClientConfig.OPTION + " for a cluster that needs TLS or SASL)"
                : "; check that the listener at that address takes " + clients.securityProtocol() + " as "
                        + clients.source() + " says";
        return new IllegalStateException("no Kafka cluster answers at " + bootstrapServers + hint, cause);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
