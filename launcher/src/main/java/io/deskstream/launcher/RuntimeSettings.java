package io.deskstream.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;

/**
 * What one deskstream process runs with, from the command line and the environment.
 *
 * @param bootstrapServers  an existing cluster, or null for the embedded broker
 * @param schemaRegistryUrl an existing registry, or null for the embedded one
 */
record RuntimeSettings(
        Path dataDir,
        String httpHost,
        int httpPort,
        int kafkaPort,
        ZoneId reportTimezone,
        String bootstrapServers,
        String schemaRegistryUrl,
        TopicLayout topicLayout,
        InstanceSettings instance) {

    RuntimeSettings(Path dataDir, String httpHost, int httpPort, int kafkaPort, ZoneId reportTimezone,
                    String bootstrapServers, String schemaRegistryUrl, TopicLayout topicLayout) {
        this(dataDir, httpHost, httpPort, kafkaPort, reportTimezone, bootstrapServers, schemaRegistryUrl, topicLayout,
                InstanceSettings.defaults());
    }

    static RuntimeSettings from(RuntimeOptions options) {
        return new RuntimeSettings(
                options.dataDir.toAbsolutePath().normalize(),
                options.httpHost,
                options.httpPort,
                options.kafkaPort,
                options.reportTimezone,
                blankToNull(options.bootstrapServers),
                blankToNull(options.schemaRegistryUrl),
                new TopicLayout(new Topics(options.topicPrefix), options.partitions, options.replicationFactor,
                        Duration.ofDays(options.inputRetentionDays)),
                new InstanceSettings(blankToNull(options.advertisedAddress), options.standbyReplicas,
                        options.maxEventsBody.bytes(), blankToNull(System.getenv("DESKSTREAM_ADMIN_TOKEN")),
                        new InstanceSettings.Exports(!options.noExports, options.exportsDir,
                                options.exportDelay.duration(), InstanceSettings.Exports.COMMIT_INTERVAL),
                        options.maxEventsInFlight.bytes(), options.maxReportRows));
    }

    RuntimeSettings with(InstanceSettings changed) {
        return new RuntimeSettings(dataDir, httpHost, httpPort, kafkaPort, reportTimezone, bootstrapServers,
                schemaRegistryUrl, topicLayout, changed);
    }

    /** This instance's address for the others: as configured, else the local HTTP address. */
    String advertisedAddress() {
        return instance.advertisedAddress() != null ? instance.advertisedAddress()
                : localHttpUrl().substring("http://".length());
    }

    Topics topics() {
        return topicLayout.topics();
    }

    boolean embeddedBroker() {
        return bootstrapServers == null;
    }

    boolean embeddedRegistry() {
        return schemaRegistryUrl == null;
    }

    Path streamsDir() {
        return dataDir.resolve("streams");
    }

    /** Where the export writes: as configured, else {@code DATA_DIR/exports}. */
    Path exportsDir() {
        Path configured = instance.exports().directory();
        return configured != null ? configured.toAbsolutePath().normalize() : dataDir.resolve("exports");
    }

    Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    /** The address clients on this machine use for the HTTP port, whatever interface it listens on. */
    String localHttpUrl() {
        String host = httpHost.equals("0.0.0.0") || httpHost.equals("::") ? "127.0.0.1" : httpHost;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
