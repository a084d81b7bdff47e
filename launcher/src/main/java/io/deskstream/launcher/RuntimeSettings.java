package io.deskstream.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

import io.deskstream.api.stream.ReportStreamSettings;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.TopologySettings;
import io.deskstream.topology.Topics;

/**
 * What one deskstream process runs with, from the command line and the environment.
 *
 * @param bootstrapServers  an existing cluster, or null for the embedded broker
 * @param schemaRegistryUrl an existing registry, or null for the embedded one
 * @param retention         how long conversations, ratings and report cells are kept, by event time
 * @param security          Kafka client properties ({@code --kafka-config}) and HTTPS on the HTTP port
 * @param processing        how often the processing commits, which decides how soon the API shows an event
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
        InstanceSettings instance,
        Duration retention,
        SecuritySettings security,
        ProcessingSettings processing) {

    RuntimeSettings(Path dataDir, String httpHost, int httpPort, int kafkaPort, ZoneId reportTimezone,
                    String bootstrapServers, String schemaRegistryUrl, TopicLayout topicLayout) {
        this(dataDir, httpHost, httpPort, kafkaPort, reportTimezone, bootstrapServers, schemaRegistryUrl, topicLayout,
                InstanceSettings.defaults(), TopologySettings.DEFAULT_RETENTION, SecuritySettings.NONE,
                ProcessingSettings.DEFAULT);
    }

    static RuntimeSettings from(RuntimeOptions options) {
        if (options.retentionDays < 1) {
            throw new IllegalArgumentException("--retention-days must be at least 1, got " + options.retentionDays);
        }
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
                        new InstanceSettings.Registry(options.registryAuth,
                                blankToNull(options.schemaRegistryUserInfo)),
                        MetricsAuth.parse(options.metricsAuth) == MetricsAuth.TOKEN,
                        options.maxEventsInFlight.bytes(), options.maxReportRows,
                        ReportStreamSettings.DEFAULTS.withMaxStreams(options.maxReportStreams),
                        new SessionTimeout(options.sessionTimeout.duration())),
                Duration.ofDays(options.retentionDays),
                SecuritySettings.from(options),
                new ProcessingSettings(options.commitInterval.duration()));
    }

    RuntimeSettings with(InstanceSettings changed) {
        return new RuntimeSettings(dataDir, httpHost, httpPort, kafkaPort, reportTimezone, bootstrapServers,
                schemaRegistryUrl, topicLayout, changed, retention, security, processing);
    }

    RuntimeSettings withRetention(Duration kept) {
        return new RuntimeSettings(dataDir, httpHost, httpPort, kafkaPort, reportTimezone, bootstrapServers,
                schemaRegistryUrl, topicLayout, instance, kept, security, processing);
    }

    RuntimeSettings with(SecuritySettings changed) {
        return new RuntimeSettings(dataDir, httpHost, httpPort, kafkaPort, reportTimezone, bootstrapServers,
                schemaRegistryUrl, topicLayout, instance, retention, changed, processing);
    }

    RuntimeSettings with(ProcessingSettings changed) {
        return new RuntimeSettings(dataDir, httpHost, httpPort, kafkaPort, reportTimezone, bootstrapServers,
                schemaRegistryUrl, topicLayout, instance, retention, security, changed);
    }

    /** The Kafka client properties of {@code --kafka-config}, for every Kafka client of the process. */
    KafkaClientConfig kafkaClients() {
        return security.kafkaClients();
    }

    /** This instance's address for the others: as configured, else the local HTTP address. */
    String advertisedAddress() {
        String local = localHttpUrl();
        return instance.advertisedAddress() != null ? instance.advertisedAddress()
                : local.substring(local.indexOf("://") + 3);
    }

    /** HTTPS on the HTTP port, or null for plain HTTP. */
    SecuritySettings.Https https() {
        return security.https();
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

    /**
     * Why the advertised address is likely wrong, or null: listening beyond this machine while advertising the local
     * address means other hosts cannot reach this instance, and every query that needs its part would answer 503.
     */
    String advertisedAddressWarning() {
        boolean loopback = httpHost.equals("127.0.0.1") || httpHost.equals("localhost") || httpHost.equals("::1");
        if (loopback || instance.advertisedAddress() != null) {
            return null;
        }
        return "--http-host " + httpHost + " listens beyond this machine, but the other instances are told to reach "
                + "this one at " + advertisedAddress() + ", this machine's own loopback address: set "
                + "--advertised-address HOST:PORT (DESKSTREAM_ADVERTISED_ADDRESS) to the address they can reach";
    }

    /** The address clients on this machine use for the HTTP port, whatever interface it listens on. */
    String localHttpUrl() {
        String host = httpHost.equals("0.0.0.0") || httpHost.equals("::") ? "127.0.0.1" : httpHost;
        return scheme() + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort;
    }

    /** {@code https://} when the HTTP port serves HTTPS, else {@code http://}. */
    String scheme() {
        return security.https() != null ? "https://" : "http://";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
