package io.deskstream.kafka.broker;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where and how the in-process broker runs.
 *
 * @param logDir            the broker's data and metadata directory; kept across restarts
 * @param port              the client (PLAINTEXT) port on 127.0.0.1
 * @param controllerPort    the KRaft controller port on 127.0.0.1
 * @param defaultPartitions partitions of topics that are created without saying how many
 * @param saslListener      a further client listener that takes only SASL/PLAIN clients, or null for none
 */
public record BrokerSettings(Path logDir, int port, int controllerPort, int defaultPartitions,
                             SaslPlainListener saslListener) {

    public BrokerSettings {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("Kafka port must be between 1 and 65535, got " + port);
        }
        if (controllerPort <= 0 || controllerPort > 65535 || controllerPort == port) {
            throw new IllegalArgumentException(
                    "controller port must be between 1 and 65535 and differ from the Kafka port, got " + controllerPort);
        }
        if (defaultPartitions < 1) {
            throw new IllegalArgumentException("default partitions must be at least 1, got " + defaultPartitions);
        }
        if (saslListener != null && (saslListener.port() == port || saslListener.port() == controllerPort)) {
            throw new IllegalArgumentException("the SASL listener's port must differ from the Kafka and controller "
                    + "ports, got " + saslListener.port());
        }
    }

    public BrokerSettings(Path logDir, int port, int controllerPort, int defaultPartitions) {
        this(logDir, port, controllerPort, defaultPartitions, null);
    }

    /** The broker on {@code port} with its controller on the port after it. */
    public static BrokerSettings of(Path logDir, int port, int defaultPartitions) {
        return new BrokerSettings(logDir, port, port + 1, defaultPartitions);
    }

    /** These settings with a further client listener on {@code saslPort} that takes only SASL/PLAIN clients. */
    public BrokerSettings withSaslPlainListener(int saslPort, Map<String, String> users) {
        return new BrokerSettings(logDir, port, controllerPort, defaultPartitions,
                new SaslPlainListener(saslPort, users));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The SASL listener's address; only with {@link #saslListener()}. */
    public String saslBootstrapServers() {
        if (saslListener == null) {
            throw new IllegalStateException("this broker has no SASL listener");
        }
        return "127.0.0.1:" + saslListener.port();
    }

    /**
     * A client listener on 127.0.0.1 that requires SASL/PLAIN authentication (security protocol
     * {@code SASL_PLAINTEXT}: authenticated, not encrypted), for tests and setups of clients that must log in. The
     * controller and the broker's own connections stay on PLAINTEXT over loopback.
     *
     * @param users user name to password; names of letters, digits, {@code . _ -}, passwords without {@code "} or
     *              {@code \}
     */
    public record SaslPlainListener(int port, Map<String, String> users) {

        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

        public SaslPlainListener {
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("SASL port must be between 1 and 65535, got " + port);
            }
            if (users == null || users.isEmpty()) {
                throw new IllegalArgumentException("a SASL listener needs at least one user");
            }
            users.forEach((name, password) -> {
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("SASL user names are letters, digits, '.', '_' and '-', got "
                            + name);
                }
                if (password == null || password.isEmpty() || password.contains("\"") || password.contains("\\")) {
                    throw new IllegalArgumentException("the password of SASL user " + name
                            + " must be non-empty, without '\"' or '\\'");
                }
            });
            users = Map.copyOf(users);
        }

        /** The broker's JAAS configuration of the PLAIN mechanism: one {@code user_NAME="PASSWORD"} per user. */
        String jaasConfig() {
            StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
            new TreeMap<>(users).forEach((name, password) ->
                    jaas.append(" user_").append(name).append("=\"").append(password).append('"'));
            return jaas.append(';').toString();
        }

        @Override
        public String toString() {
            return "SaslPlainListener[port=" + port + ", users=" + new TreeMap<>(users).keySet() + "]";
        }
    }
}
