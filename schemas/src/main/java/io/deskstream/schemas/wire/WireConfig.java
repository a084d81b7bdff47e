package io.deskstream.schemas.wire;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;

/** The configuration keys the serdes read when Kafka builds them from configuration. */
public final class WireConfig {

    /** The registry's base URL, as in Confluent's serdes. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** The generated class to read values into, e.g. {@code io.deskstream.schemas.events.TicketEvent}. */
    public static final String VALUE_TYPE = "specific.avro.value.type";
    /** The generated class to read keys into. */
    public static final String KEY_TYPE = "specific.avro.key.type";

    private WireConfig() {
    }

    static SchemaRegistryClient registry(Map<String, ?> configs) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException("missing " + SCHEMA_REGISTRY_URL + ": the Avro serdes need the schema registry's URL");
        }
        return new SchemaRegistryClient(url.toString());
    }

    static Class<?> recordType(Map<String, ?> configs, boolean isKey) {
        Object type = configs.get(isKey ? KEY_TYPE : VALUE_TYPE);
        if (type == null) {
            return null;
        }
        if (type instanceof Class<?> c) {
            return c;
        }
        try {
            return Class.forName(type.toString());
        } catch (ClassNotFoundException e) {
            throw new ConfigException(isKey ? KEY_TYPE : VALUE_TYPE, type, "no such class");
        }
    }
}
