package io.deskstream.schemas.wire;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;

/** The configuration keys the serdes read when Kafka builds them from configuration. */
public final class WireConfig {

    /** The registry's base URL, as in Confluent's serdes. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Where credentials come from, as in Confluent's serdes: {@code USER_INFO} (the default here) takes the next. */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** {@code USER:PASSWORD}, sent to the registry as HTTP Basic authentication, as in Confluent's serdes. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** The same, under the prefix Confluent's serdes also accept. */
    public static final String SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
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
        return new SchemaRegistryClient(url.toString(), SchemaRegistryClient.Settings.defaults(), userInfo(configs));
    }

    /** The user info the configuration gives, or null; only the {@code USER_INFO} source is supported. */
    static String userInfo(Map<String, ?> configs) {
        Object source = configs.get(BASIC_AUTH_CREDENTIALS_SOURCE);
        Object userInfo = configs.get(BASIC_AUTH_USER_INFO);
        if (userInfo == null) {
            userInfo = configs.get(SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO);
        }
        if (userInfo instanceof org.apache.kafka.common.config.types.Password password) {
            userInfo = password.value();
        }
        if (userInfo == null || userInfo.toString().isEmpty()) {
            return null;
        }
        if (source != null && !source.toString().equals("USER_INFO")) {
            throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, source,
                    "only USER_INFO is supported: the credentials come from " + BASIC_AUTH_USER_INFO);
        }
        return userInfo.toString();
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
