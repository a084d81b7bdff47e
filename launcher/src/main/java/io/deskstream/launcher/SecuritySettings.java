package io.deskstream.launcher;

/**
 * How this instance reaches a Kafka cluster that needs TLS or SASL.
 *
 * @param kafkaClients the Kafka client properties of {@code --kafka-config}, for every Kafka client of the process
 */
record SecuritySettings(KafkaClientConfig kafkaClients) {

    static final SecuritySettings NONE = new SecuritySettings(KafkaClientConfig.NONE);

    static SecuritySettings from(RuntimeOptions options) {
        return new SecuritySettings(KafkaClientConfig.load(blankToNull(options.kafkaConfig)));
    }

    private static java.nio.file.Path blankToNull(java.nio.file.Path path) {
        return path == null || path.toString().isBlank() ? null : path;
    }
}
