package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import io.deskstream.kafka.broker.LocalPorts;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --kafka-config}: what a file may say, how its mistakes are named, and where its properties go. */
class KafkaClientConfigTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"desk\" password=\"s3cret\";";

    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        Path file = dir.resolve("kafka.properties");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void shouldApplyTheFileToPlainClientsStreamsAndTheConnectWorkerAndItsTasks() throws Exception {
        KafkaClientConfig config = KafkaClientConfig.load(file("""
                # the cluster's SASL listener
                security.protocol = SASL_PLAINTEXT
                sasl.mechanism: PLAIN
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\
                    username="desk" \\
                    password="s3cret";
                """));

        assertThat(config.securityProtocol()).isEqualTo(SecurityProtocol.SASL_PLAINTEXT);
        assertThat(config.connection("kafka-1:9093")).isEqualTo(Map.of("bootstrap.servers", "kafka-1:9093",
                "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config", JAAS));
        Properties streams = config.streams("kafka-1:9093");
        assertThat(streams).containsEntry("sasl.jaas.config", JAAS).containsEntry("bootstrap.servers", "kafka-1:9093");
        assertThat(config.connectWorker("kafka-1:9093"))
                .containsEntry("bootstrap.servers", "kafka-1:9093")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("consumer.security.protocol", "SASL_PLAINTEXT")
                .containsEntry("consumer.sasl.jaas.config", JAAS)
                .containsEntry("producer.sasl.mechanism", "PLAIN")
                .containsEntry("admin.sasl.jaas.config", JAAS);
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void shouldRefuseWhatDeskstreamSetsItselfNamingTheLine() throws Exception {
        Path file = file("security.protocol=SASL_SSL\n\nbootstrap.servers=elsewhere:9092\n");

        assertThatThrownBy(() -> KafkaClientConfig.load(file))
                .hasMessage("--kafka-config " + file + " line 3: bootstrap.servers is set by deskstream itself (give "
                        + "the cluster with --bootstrap-servers); remove it");
        assertThatThrownBy(() -> KafkaClientConfig.load(file("isolation.level=read_uncommitted")))
                .hasMessageContaining("line 1: isolation.level is set by deskstream itself (exactly-once");
    }

    @Test
    void shouldPointTheSessionTimeoutToItsOption() throws Exception {
        assertThatThrownBy(() -> KafkaClientConfig.load(file("session.timeout.ms=45000")))
                .hasMessageEndingWith("line 1: session.timeout.ms is set by deskstream itself (give the session "
                        + "timeout with --session-timeout; heartbeats follow from it); remove it");
        assertThatThrownBy(() -> KafkaClientConfig.load(file("heartbeat.interval.ms=3000")))
                .hasMessageContaining("heartbeat.interval.ms is set by deskstream itself");
    }

    @Test
    void shouldNameAMisspelledPropertyABadValueAndABadJaasConfiguration() throws Exception {
        assertThatThrownBy(() -> KafkaClientConfig.load(file("security.protocol=SASL_SSL\nsasl.mechansim=PLAIN\n")))
                .hasMessageEndingWith("line 2: sasl.mechansim is not a property of Kafka's producer, consumer or admin "
                        + "client (only client properties such as security.protocol, sasl.* and ssl.* belong here)");
        assertThatThrownBy(() -> KafkaClientConfig.load(file("security.protocol=SASL_PLAIN")))
                .hasMessageContaining("line 1: Invalid value SASL_PLAIN for configuration security.protocol");
        assertThatThrownBy(() -> KafkaClientConfig.load(file("sasl.jaas.config=PlainLoginModule username=\"x\"")))
                .hasMessageContaining("line 1: sasl.jaas.config is not a JAAS configuration")
                .hasMessageNotContaining("username=\"x\"");
        assertThatThrownBy(() -> KafkaClientConfig.load(file("sasl.mechanism=\n")))
                .hasMessageEndingWith("line 1: sasl.mechanism has no value");
        assertThatThrownBy(() -> KafkaClientConfig.load(file("sasl.mechanism=PLAIN\n# again\nsasl.mechanism=SCRAM-SHA-512")))
                .hasMessageEndingWith("line 3: sasl.mechanism is set a second time (first on line 1)");
        assertThatThrownBy(() -> KafkaClientConfig.load(dir.resolve("missing.properties")))
                .hasMessage("cannot read --kafka-config " + dir.resolve("missing.properties") + ": no such readable file");
    }

    @Test
    void runShouldStopAtABadFileBeforeStartingAnything() throws Exception {
        Path file = file("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=" + JAAS
                + "\nssl.truststore.type=PEM\ngroup.id=mine\n");
        StringWriter err = new StringWriter();
        CommandLine cli = Deskstream.commandLine();
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("run", "--data-dir", dir.resolve("data").toString(),
                "--http-port", String.valueOf(LocalPorts.free()),
                "--bootstrap-servers", "127.0.0.1:" + LocalPorts.free(), "--kafka-config", file.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("deskstream: --kafka-config " + file + " line 5: group.id is set by "
                + "deskstream itself");
    }

    @Test
    void shouldRefuseASecurityProtocolTheEmbeddedBrokerDoesNotSpeak() throws Exception {
        Path file = file("security.protocol=SASL_SSL\n");
        StringWriter err = new StringWriter();
        CommandLine cli = Deskstream.commandLine();
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("run", "--data-dir", dir.resolve("data").toString(),
                "--http-port", String.valueOf(LocalPorts.free()), "--kafka-port", String.valueOf(LocalPorts.freePair()),
                "--kafka-config", file.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("the embedded broker takes PLAINTEXT clients only, and --kafka-config "
                + file + " sets security.protocol=SASL_SSL");
    }
}
