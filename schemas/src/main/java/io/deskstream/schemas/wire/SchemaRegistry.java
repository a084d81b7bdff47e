package io.deskstream.schemas.wire;

import java.util.Optional;

import org.apache.avro.Schema;

/**
 * What the serdes need of a schema registry. {@link SchemaRegistryClient} talks to a real one over HTTP;
 * {@link InMemorySchemaRegistry} keeps schemas in memory for TopologyTestDriver tests, where no registry runs.
 */
public interface SchemaRegistry {

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with this global id. */
    Schema schemaById(int id);

    /** The newest version under {@code subject}, or empty when the subject has none. */
    Optional<RegisteredSchema> latest(String subject);
}
