package io.deskstream.registry;

import java.util.Map;

import io.javalin.config.JavalinConfig;

/**
 * A schema registry speaking the Confluent Schema Registry REST API, storing its schemas in a compacted topic of the
 * Kafka cluster it serves, as Confluent's registry does. One process writes; others may read the same topic.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private final SchemasTopic topic;
    private final SchemaStore store;

    private EmbeddedSchemaRegistry(SchemasTopic topic, SchemaStore store) {
        this.topic = topic;
        this.store = store;
    }

    /**
     * Reads the schemas topic (created if missing) to its end and keeps following it.
     *
     * @param connection where and how its Kafka clients reach the cluster: {@code bootstrap.servers} and any
     *                   security settings ({@code security.protocol}, SASL, SSL)
     */
    public static EmbeddedSchemaRegistry start(Map<String, ?> connection, String topicName)
            throws InterruptedException {
        SchemasTopic topic = new SchemasTopic(connection, topicName);
        SchemaStore store = new SchemaStore(topic);
        try {
            long end = topic.startReading(store);
            store.awaitCaughtUp(end);
        } catch (InterruptedException | RuntimeException e) {
            topic.close();
            throw e;
        }
        return new EmbeddedSchemaRegistry(topic, store);
    }

    public SchemaStore store() {
        return store;
    }

    /**
     * Declares the registry's REST routes under {@code basePath}, e.g. {@code /schema-registry}; {@code auth} decides
     * who may call them (writes always need its secret).
     */
    public void routes(JavalinConfig config, String basePath, RegistryAuth auth) {
        new SchemaRegistryRoutes(store, auth).declare(config, basePath);
    }

    @Override
    public void close() {
        topic.close();
    }
}
