package io.deskstream.launcher;

import java.nio.file.Path;
import java.time.ZoneId;

import picocli.CommandLine.Option;

/** The options of api.md shared by {@code demo} and {@code run}; each has an environment variable. */
final class RuntimeOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            defaultValue = "${env:DESKSTREAM_DATA_DIR:-./data}",
            description = "Where the embedded broker's log, the state stores, exports and the admin token live; "
                    + "kept across restarts (env DESKSTREAM_DATA_DIR, default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--http-port", paramLabel = "N",
            defaultValue = "${env:DESKSTREAM_HTTP_PORT:-7070}",
            description = "Port of the API, the dashboard and the embedded schema registry "
                    + "(env DESKSTREAM_HTTP_PORT, default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--http-host", paramLabel = "HOST",
            defaultValue = "${env:DESKSTREAM_HTTP_HOST:-127.0.0.1}",
            description = "Address the HTTP port listens on; 0.0.0.0 for every interface "
                    + "(env DESKSTREAM_HTTP_HOST, default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--kafka-port", paramLabel = "N",
            defaultValue = "${env:DESKSTREAM_KAFKA_PORT:-9092}",
            description = "Client port of the embedded Kafka broker; its controller takes the next port "
                    + "(env DESKSTREAM_KAFKA_PORT, default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--report-timezone", paramLabel = "ZONE",
            defaultValue = "${env:DESKSTREAM_REPORT_TIMEZONE:-UTC}",
            description = "Time zone of report buckets (days, weeks, months) "
                    + "(env DESKSTREAM_REPORT_TIMEZONE, default: ${DEFAULT-VALUE}).")
    ZoneId reportTimezone;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:DESKSTREAM_BOOTSTRAP_SERVERS}",
            description = "An existing Kafka cluster to use instead of the embedded broker "
                    + "(env DESKSTREAM_BOOTSTRAP_SERVERS, default: embedded).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            defaultValue = "${env:DESKSTREAM_SCHEMA_REGISTRY_URL}",
            description = "An existing Confluent-compatible schema registry to use instead of the embedded one "
                    + "(env DESKSTREAM_SCHEMA_REGISTRY_URL, default: embedded, served under /schema-registry).")
    String schemaRegistryUrl;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX",
            defaultValue = "${env:DESKSTREAM_TOPIC_PREFIX:-deskstream.}",
            description = "Prefix of every topic name (env DESKSTREAM_TOPIC_PREFIX, default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--partitions", paramLabel = "N",
            defaultValue = "${env:DESKSTREAM_PARTITIONS:-4}",
            description = "Partitions of the event topics created at start: the most instances that can share "
                    + "the work (env DESKSTREAM_PARTITIONS, default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", paramLabel = "N",
            defaultValue = "${env:DESKSTREAM_REPLICATION_FACTOR:-1}",
            description = "Replication factor of the topics created at start "
                    + "(env DESKSTREAM_REPLICATION_FACTOR, default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Option(names = "--input-retention-days", paramLabel = "DAYS",
            defaultValue = "${env:DESKSTREAM_INPUT_RETENTION_DAYS:-30}",
            description = "How long events stay on the input topics, by event time "
                    + "(env DESKSTREAM_INPUT_RETENTION_DAYS, default: ${DEFAULT-VALUE}).")
    int inputRetentionDays;

    @Option(names = "--advertised-address", paramLabel = "HOST:PORT",
            defaultValue = "${env:DESKSTREAM_ADVERTISED_ADDRESS}",
            description = "Where the other instances reach this one's HTTP port, when several share the work "
                    + "(env DESKSTREAM_ADVERTISED_ADDRESS, default: the local HTTP address).")
    String advertisedAddress;

    @Option(names = "--standby-replicas", paramLabel = "N",
            defaultValue = "${env:DESKSTREAM_STANDBY_REPLICAS:-0}",
            description = "Warm copies of each state store kept on other instances, for a fast take-over when one "
                    + "stops (env DESKSTREAM_STANDBY_REPLICAS, default: ${DEFAULT-VALUE}).")
    int standbyReplicas;

    @Option(names = "--max-events-body", paramLabel = "SIZE",
            defaultValue = "${env:DESKSTREAM_MAX_EVENTS_BODY:-64MiB}", converter = ByteSize.Converter.class,
            description = "Largest body POST /api/v1/events takes, e.g. 64MiB or 500KiB; larger answers 413 "
                    + "(env DESKSTREAM_MAX_EVENTS_BODY, default: ${DEFAULT-VALUE}).")
    ByteSize maxEventsBody;

    @Option(names = "--exports-dir", paramLabel = "DIR", defaultValue = "${env:DESKSTREAM_EXPORTS_DIR}",
            description = "Where the Parquet and CSV export goes (env DESKSTREAM_EXPORTS_DIR, default: DATA_DIR/exports).")
    Path exportsDir;

    @Option(names = "--export-delay", paramLabel = "DURATION", defaultValue = "${env:DESKSTREAM_EXPORT_DELAY:-1h}",
            converter = DurationOption.Converter.class,
            description = "How long after its end an hour is exported, e.g. 1h, 15m, 0s; later changes are written "
                    + "as corrections (env DESKSTREAM_EXPORT_DELAY, default: ${DEFAULT-VALUE}).")
    DurationOption exportDelay;

    @Option(names = "--no-exports", defaultValue = "false",
            description = "Do not run the export here (when another instance or a Connect cluster runs it).")
    boolean noExports;

    @Option(names = {"-v", "--verbose"}, description = "Log what Kafka, the registry and the HTTP server do.")
    boolean verbose;

    @Option(names = "--max-events-in-flight", paramLabel = "SIZE",
            defaultValue = "${env:DESKSTREAM_MAX_EVENTS_IN_FLIGHT:-128MiB}", converter = ByteSize.Converter.class,
            description = "Most bytes of POST /api/v1/events bodies processed at once, over all requests; at least "
                    + "--max-events-body; a request that would go over answers 503 with Retry-After "
                    + "(env DESKSTREAM_MAX_EVENTS_IN_FLIGHT, default: ${DEFAULT-VALUE}).")
    ByteSize maxEventsInFlight;

    @Option(names = "--max-report-rows", paramLabel = "N",
            defaultValue = "${env:DESKSTREAM_MAX_REPORT_ROWS:-20000}",
            description = "Most rows of one report answer; a question with more answers 400 "
                    + "(env DESKSTREAM_MAX_REPORT_ROWS, default: ${DEFAULT-VALUE}).")
    int maxReportRows;
}
