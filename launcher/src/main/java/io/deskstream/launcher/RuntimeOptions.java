package io.deskstream.launcher;

import java.nio.file.Path;
import java.time.ZoneId;

import io.deskstream.registry.RegistryAuth;
import picocli.CommandLine;
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

    @Option(names = "--schema-registry-user-info", paramLabel = "USER:PASSWORD",
            defaultValue = "${env:DESKSTREAM_SCHEMA_REGISTRY_USER_INFO}",
            description = "Credentials sent as HTTP Basic auth to the registry --schema-registry-url names; for "
                    + "another deskstream's embedded registry, any user name and that deployment's admin token, e.g. "
                    + "admin:TOKEN (env DESKSTREAM_SCHEMA_REGISTRY_USER_INFO, default: none).")
    String schemaRegistryUserInfo;

    @Option(names = "--registry-auth", paramLabel = "writes|all",
            defaultValue = "${env:DESKSTREAM_REGISTRY_AUTH:-writes}", converter = RegistryScopeConverter.class,
            description = "What of the embedded schema registry needs the admin token: writes (registering schemas, "
                    + "compatibility levels) or all (reads too) (env DESKSTREAM_REGISTRY_AUTH, default: ${DEFAULT-VALUE}).")
    RegistryAuth.Scope registryAuth;

    static final class RegistryScopeConverter implements CommandLine.ITypeConverter<RegistryAuth.Scope> {
        @Override
        public RegistryAuth.Scope convert(String value) {
            try {
                return RegistryAuth.Scope.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

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

    @Option(names = "--commit-interval", paramLabel = "DURATION",
            defaultValue = "${env:DESKSTREAM_COMMIT_INTERVAL:-200ms}", converter = DurationOption.Converter.class,
            description = "How often the processing commits, from 10ms to 1m: the API shows an event's effect within "
                    + "about this long; longer commits do less work per event (env DESKSTREAM_COMMIT_INTERVAL, "
                    + "default: ${DEFAULT-VALUE}).")
    DurationOption commitInterval;

    @Option(names = SessionTimeout.OPTION, paramLabel = "DURATION",
            defaultValue = "${env:DESKSTREAM_SESSION_TIMEOUT:-10s}", converter = DurationOption.Converter.class,
            description = "How long the other instances wait for one that went silent (killed, frozen, cut off) "
                    + "before they take over its work, from 6s to 30m; heartbeats go every third of it. "
                    + "Shorter is a faster take-over, but a GC pause or network stall longer than it moves the "
                    + "work for nothing (env DESKSTREAM_SESSION_TIMEOUT, default: ${DEFAULT-VALUE}).")
    DurationOption sessionTimeout;

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

    @Option(names = "--retention-days", paramLabel = "DAYS",
            defaultValue = "${env:DESKSTREAM_RETENTION_DAYS:-400}",
            description = "How long conversations, ratings and report hours are kept, by event time; then they are "
                    + "forgotten everywhere but in files already exported (env DESKSTREAM_RETENTION_DAYS, "
                    + "default: ${DEFAULT-VALUE}).")
    int retentionDays;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:DESKSTREAM_LOG_FORMAT:-text}",
            description = "text, or json for log shippers: one JSON object a line "
                    + "(env DESKSTREAM_LOG_FORMAT, default: ${DEFAULT-VALUE}).")
    String logFormat;

    @Option(names = "--metrics-auth", paramLabel = "open|token", defaultValue = "${env:DESKSTREAM_METRICS_AUTH:-open}",
            description = "Whether GET /metrics is open, as scrapers usually expect, or asks for a token like the API "
                    + "(env DESKSTREAM_METRICS_AUTH, default: ${DEFAULT-VALUE}).")
    String metricsAuth;

    @Option(names = "--kafka-config", paramLabel = "FILE", defaultValue = "${env:DESKSTREAM_KAFKA_CONFIG}",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*, ...) for every Kafka client of "
                    + "deskstream, for a cluster that needs TLS or SASL (env DESKSTREAM_KAFKA_CONFIG, default: none).")
    Path kafkaConfig;

    @Option(names = "--tls-cert", paramLabel = "FILE", defaultValue = "${env:DESKSTREAM_TLS_CERT}",
            description = "PEM certificate chain to serve HTTPS with, instead of HTTP; needs --tls-key "
                    + "(env DESKSTREAM_TLS_CERT, default: none, plain HTTP).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", defaultValue = "${env:DESKSTREAM_TLS_KEY}",
            description = "PEM private key (PKCS#8, RSA or EC, unencrypted) of --tls-cert "
                    + "(env DESKSTREAM_TLS_KEY, default: none).")
    Path tlsKey;

    @Option(names = "--tls-ca", paramLabel = "FILE", defaultValue = "${env:DESKSTREAM_TLS_CA}",
            description = "PEM CA certificates that this instance's HTTPS calls, to the other instances and to the "
                    + "schema registry, trust besides its own certificate (env DESKSTREAM_TLS_CA, default: the JDK's "
                    + "trust store).")
    Path tlsCa;

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

    @Option(names = "--max-report-streams", paramLabel = "N",
            defaultValue = "${env:DESKSTREAM_MAX_REPORT_STREAMS:-1000}",
            description = "Most report streams (GET /api/v1/reports/departments/stream) this instance keeps open at "
                    + "once; one more answers 503 with Retry-After (env DESKSTREAM_MAX_REPORT_STREAMS, default: "
                    + "${DEFAULT-VALUE}).")
    int maxReportStreams;
}
