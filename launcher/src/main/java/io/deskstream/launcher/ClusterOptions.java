package io.deskstream.launcher;

import javax.net.ssl.SSLContext;

import io.deskstream.schemas.wire.SchemaRegistryClient;
import picocli.CommandLine.Option;

/** Where a client command finds a running deskstream's Kafka cluster and schema registry. */
final class ClusterOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:DESKSTREAM_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "The Kafka cluster (env DESKSTREAM_BOOTSTRAP_SERVERS, default: ${DEFAULT-VALUE}, "
                    + "the broker of a local `deskstream demo` or `run`).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            defaultValue = "${env:DESKSTREAM_SCHEMA_REGISTRY_URL:-http://127.0.0.1:7070/schema-registry}",
            description = "The schema registry (env DESKSTREAM_SCHEMA_REGISTRY_URL, default: ${DEFAULT-VALUE}).")
    String schemaRegistryUrl;

    @Option(names = "--schema-registry-user-info", paramLabel = "USER:PASSWORD",
            defaultValue = "${env:DESKSTREAM_SCHEMA_REGISTRY_USER_INFO}",
            description = "Credentials sent to the schema registry as HTTP Basic auth; for deskstream's embedded "
                    + "registry, any user name and the admin token, e.g. admin:TOKEN. Needed there only for a schema "
                    + "not registered yet, or with --registry-auth all (env DESKSTREAM_SCHEMA_REGISTRY_USER_INFO, "
                    + "default: none).")
    String schemaRegistryUserInfo;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX",
            defaultValue = "${env:DESKSTREAM_TOPIC_PREFIX:-deskstream.}",
            description = "Prefix of every topic name (env DESKSTREAM_TOPIC_PREFIX, default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = {"-v", "--verbose"}, description = "Log what the Kafka clients do.")
    boolean verbose;

    @Option(names = "--kafka-config", paramLabel = "FILE", defaultValue = "${env:DESKSTREAM_KAFKA_CONFIG}",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*, ...), for a cluster that needs "
                    + "TLS or SASL (env DESKSTREAM_KAFKA_CONFIG, default: none).")
    java.nio.file.Path kafkaConfig;

    /**
     * A client of the registry, with the credentials given (none when none are).
     *
     * @param tls for an {@code https} registry: whom to trust; null for the JVM's default
     */
    SchemaRegistryClient registryClient(SSLContext tls) {
        String userInfo = schemaRegistryUserInfo == null || schemaRegistryUserInfo.isBlank() ? null
                : schemaRegistryUserInfo.strip();
        return new SchemaRegistryClient(schemaRegistryUrl, SchemaRegistryClient.Settings.defaults(), userInfo, tls);
    }

    /** The Kafka client properties of {@code --kafka-config}, loaded and checked. */
    KafkaClientConfig kafkaClients() {
        return KafkaClientConfig.load(kafkaConfig == null || kafkaConfig.toString().isBlank() ? null : kafkaConfig);
    }
}
