package io.deskstream.kafka.broker;

import java.nio.file.Path;

/**
 * Where and how the in-process broker runs.
 *
 * @param logDir            the broker's data and metadata directory; kept across restarts
 * @param port              the client (PLAINTEXT) port on 127.0.0.1
 * @param controllerPort    the KRaft controller port on 127.0.0.1
 * @param defaultPartitions partitions of topics that are created without saying how many
 */
public record BrokerSettings(Path logDir, int port, int controllerPort, int defaultPartitions) {

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
    }

    /** The broker on {@code port} with its controller on the port after it. */
    public static BrokerSettings of(Path logDir, int port, int defaultPartitions) {
        return new BrokerSettings(logDir, port, port + 1, defaultPartitions);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }
}
