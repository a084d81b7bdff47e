package io.deskstream.api;

/** A part outside the API that it needs to answer: named in an error's {@code dependency} when it fails. */
public enum Dependency {
    KAFKA("kafka", "Kafka"),
    SCHEMA_REGISTRY("schema-registry", "schema registry");

    private final String id;
    private final String label;

    Dependency(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** As the JSON error gives it: {@code kafka}, {@code schema-registry}. */
    public String id() {
        return id;
    }

    /** As a message names it. */
    public String label() {
        return label;
    }
}
