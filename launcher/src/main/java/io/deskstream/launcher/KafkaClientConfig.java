package io.deskstream.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * The Kafka client properties of {@code --kafka-config FILE} ({@code security.protocol}, SASL, SSL, ...), checked
 * when loaded and applied to every Kafka client deskstream makes: producers, consumers and admin clients, Kafka
 * Streams (all of its clients) and the embedded Connect worker (its own clients and its tasks').
 *
 * <p>Precedence: the file comes first and deskstream's own settings of a client go on top, so a tuning property
 * deskstream sets on one client (e.g. {@code linger.ms}) keeps deskstream's value there. Properties deskstream
 * decides itself — the cluster's address, client ids, serialization, groups, offsets and the exactly-once settings —
 * are refused, naming the line.
 */
final class KafkaClientConfig {

    static final String OPTION = "--kafka-config";
    static final KafkaClientConfig NONE = new KafkaClientConfig(null, Map.of());

    /** What deskstream sets itself, and why a file may not. */
    private static final Map<String, String> REFUSED = refused();

    private final Path file;
    private final Map<String, String> properties;

    private KafkaClientConfig(Path file, Map<String, String> properties) {
        this.file = file;
        this.properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    /** Loads and checks {@code file}; null gives {@link #NONE}. */
    static KafkaClientConfig load(Path file) {
        if (file == null) {
            return NONE;
        }
        String where = OPTION + " " + file;
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + where + ": no such readable file");
        }
        List<String> lines;
        Properties loaded = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded.load(in);
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read " + where + ": " + e.getMessage(), e);
        }
        Map<String, Integer> lineOf = keyLines(lines, where);
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : lineOf.entrySet()) {
            String key = entry.getKey();
            String at = where + " line " + entry.getValue() + ": ";
            String value = loaded.getProperty(key, "").strip();
            check(key, value, at);
            properties.put(key, value);
        }
        return new KafkaClientConfig(file, properties);
    }

    private static void check(String key, String value, String at) {
        String refused = REFUSED.get(key);
        if (refused != null) {
            throw new IllegalArgumentException(at + key + " is set by deskstream itself (" + refused + "); remove it");
        }
        if (!ProducerConfig.configNames().contains(key) && !ConsumerConfig.configNames().contains(key)
                && !AdminClientConfig.configNames().contains(key)) {
            throw new IllegalArgumentException(at + key + " is not a property of Kafka's producer, consumer or admin "
                    + "client (only client properties such as security.protocol, sasl.* and ssl.* belong here)");
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException(at + key + " has no value");
        }
        for (ConfigDef definition : List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(),
                AdminClientConfig.configDef())) {
            ConfigDef.ConfigKey known = definition.configKeys().get(key);
            if (known == null) {
                continue;
            }
            try {
                Object parsed = ConfigDef.parseType(key, value, known.type);
                if (known.validator != null) {
                    known.validator.ensureValid(key, parsed);
                }
            } catch (ConfigException e) {
                // Kafka hides the values of password properties in its messages.
                throw new IllegalArgumentException(at + e.getMessage(), e);
            }
        }
        if (key.equals(SaslConfigs.SASL_JAAS_CONFIG)) {
            try {
                JaasContext.loadClientContext(Map.of(key, new Password(value)));
            } catch (IllegalArgumentException | SecurityException e) {
                throw new IllegalArgumentException(at + key + " is not a JAAS configuration such as "
                        + "'org.apache.kafka.common.security.plain.PlainLoginModule required username=\"...\" "
                        + "password=\"...\";': " + e.getMessage(), e);
            }
        }
    }

    /**
     * The line each key starts on, following the properties format's continuation lines; a key set twice is an
     * error rather than the silent last-one-wins of {@link Properties}.
     */
    private static Map<String, Integer> keyLines(List<String> lines, String where) {
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        boolean continued = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean starts = !continued;
            continued = endsWithOddBackslashes(line) && (continued || !isCommentOrBlank(line));
            if (!starts || isCommentOrBlank(line)) {
                continue;
            }
            String key = keyOf(line.stripLeading());
            Integer before = lineOf.putIfAbsent(key, i + 1);
            if (before != null) {
                throw new IllegalArgumentException(where + " line " + (i + 1) + ": " + key
                        + " is set a second time (first on line " + before + ")");
            }
        }
        return lineOf;
    }

    private static boolean isCommentOrBlank(String line) {
        String s = line.stripLeading();
        return s.isEmpty() || s.charAt(0) == '#' || s.charAt(0) == '!';
    }

    private static boolean endsWithOddBackslashes(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    /** The key of a logical line: up to the first unescaped '=', ':' or white space. */
    private static String keyOf(String line) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                key.append(line.charAt(++i));
            } else if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                break;
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    private static Map<String, String> refused() {
        Map<String, String> refused = new HashMap<>();
        refused.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "give the cluster with --bootstrap-servers");
        refused.put(CommonClientConfigs.CLIENT_ID_CONFIG, "each client is named after its part");
        refused.put(CommonClientConfigs.GROUP_ID_CONFIG, "consumer groups are named after the topic prefix");
        refused.put(CommonClientConfigs.GROUP_INSTANCE_ID_CONFIG, "consumer groups are managed by deskstream");
        refused.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer groups are managed by deskstream");
        for (String session : List.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)) {
            refused.put(session, "give the session timeout with --session-timeout; heartbeats follow from it");
        }
        for (String serde : List.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG)) {
            refused.put(serde, "records are written and read in deskstream's own format");
        }
        refused.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, "records are partitioned by their key");
        for (String exactlyOnce : List.of(ProducerConfig.ACKS_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG)) {
            refused.put(exactlyOnce, "exactly-once processing depends on it");
        }
        refused.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "offsets are committed by deskstream");
        refused.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "offsets are committed by deskstream");
        return Map.copyOf(refused);
    }

    /** The file, or null for none. */
    Path file() {
        return file;
    }

    /** {@code --kafka-config FILE}, for messages. */
    String source() {
        return file == null ? "no " + OPTION : OPTION + " " + file;
    }

    Map<String, String> properties() {
        return properties;
    }

    /** The security protocol the clients use: the file's, else Kafka's default PLAINTEXT. */
    SecurityProtocol securityProtocol() {
        String protocol = properties.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        return protocol == null ? SecurityProtocol.PLAINTEXT : SecurityProtocol.forName(protocol);
    }

    /**
     * The base of every producer, consumer and admin client: {@code bootstrap.servers} and the file's properties;
     * the caller puts its own settings on top.
     */
    Map<String, Object> connection(String bootstrapServers) {
        Map<String, Object> connection = new HashMap<>(properties);
        connection.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return connection;
    }

    /**
     * Kafka Streams' properties: {@code bootstrap.servers} and the file's properties, which as plain keys apply to
     * every client of Streams (main, restore and global consumers, producers, admin); the caller puts its own on top.
     */
    Properties streams(String bootstrapServers) {
        Properties streams = new Properties();
        streams.putAll(connection(bootstrapServers));
        return streams;
    }

    /**
     * A Connect worker's properties: {@code bootstrap.servers} and the file's properties for the worker's own
     * clients, and again prefixed {@code producer.}, {@code consumer.} and {@code admin.}, which the worker gives its
     * tasks' clients (the sinks' consumers) instead of its own; the caller puts its own on top.
     */
    Map<String, String> connectWorker(String bootstrapServers) {
        Map<String, String> worker = new HashMap<>();
        worker.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.forEach((key, value) -> {
            worker.put(key, value);
            for (String prefix : List.of("producer.", "consumer.", "admin.")) {
                worker.put(prefix + key, value);
            }
        });
        return worker;
    }

    /** The property names deskstream refuses in the file. */
    static Set<String> refusedNames() {
        return new TreeSet<>(REFUSED.keySet());
    }

    @Override
    public String toString() {
        return source() + " " + properties.keySet();
    }
}
