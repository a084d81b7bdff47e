package io.deskstream.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepRecordsAcrossARestartOnTheSameDataDirectory() throws Exception {
        BrokerSettings settings = new BrokerSettings(dataDir, LocalPorts.free(), LocalPorts.free(), 2);

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings)) {
            createTopic(broker.bootstrapServers(), "greetings");
            produce(broker.bootstrapServers(), "greetings", "t-1", "hello");
            assertThat(readAll(broker.bootstrapServers(), "greetings")).containsExactly("t-1=hello");
        }

        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(settings)) {
            assertThat(readAll(restarted.bootstrapServers(), "greetings")).containsExactly("t-1=hello");
        }
    }

    @Test
    void shouldTakeOnlyClientsThatLogInWithAKnownUserOnItsSaslListener() throws Exception {
        BrokerSettings settings = new BrokerSettings(dataDir, LocalPorts.free(), LocalPorts.free(), 1)
                .withSaslPlainListener(LocalPorts.free(), Map.of("deskstream", "s3cret"));

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings)) {
            String sasl = broker.saslBootstrapServers();
            Map<String, Object> login = saslPlain("deskstream", "s3cret");
            createTopic(sasl, login, "logged-in");
            produce(sasl, login, "logged-in", "t-1", "hello");
            assertThat(readAll(sasl, login, "logged-in")).containsExactly("t-1=hello");
            // The PLAINTEXT listener still serves the same data.
            assertThat(readAll(broker.bootstrapServers(), Map.of(), "logged-in")).containsExactly("t-1=hello");

            assertThatThrownBy(() -> listTopics(sasl, saslPlain("deskstream", "wrong")))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class)
                    .rootCause().hasMessageContaining("Authentication failed");
            // A client that does not log in gets nothing from the SASL listener.
            assertThatThrownBy(() -> listTopics(sasl, Map.of()))
                    .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    private static Map<String, Object> saslPlain(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";");
    }

    private static java.util.Set<String> listTopics(String bootstrap, Map<String, Object> security) throws Exception {
        Map<String, Object> config = new java.util.HashMap<>(security);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(config)) {
            return admin.listTopics().names().get();
        }
    }

    private static void createTopic(String bootstrap, String topic) throws Exception {
        createTopic(bootstrap, Map.of(), topic);
    }

    private static void createTopic(String bootstrap, Map<String, Object> security, String topic) throws Exception {
        Map<String, Object> config = new java.util.HashMap<>(security);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    private static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        produce(bootstrap, Map.of(), topic, key, value);
    }

    private static void produce(String bootstrap, Map<String, Object> security, String topic, String key, String value)
            throws Exception {
        Properties p = new Properties();
        p.putAll(security);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<String> readAll(String bootstrap, String topic) {
        return readAll(bootstrap, Map.of(), topic);
    }

    private static List<String> readAll(String bootstrap, Map<String, Object> security, String topic) {
        Properties p = new Properties();
        p.putAll(security);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r.key() + "=" + r.value());
                }
            }
            return seen;
        }
    }
}
