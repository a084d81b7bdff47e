package io.deskstream.schemas.wire;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A registry held in memory, numbering schemas from 1 in the order they are first registered. For topology tests
 * on TopologyTestDriver (no broker, no HTTP), where it plays the part Confluent's mock registry client plays.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

    private final List<Schema> schemas = new ArrayList<>();
    private final Map<String, List<Integer>> versions = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        int index = schemas.indexOf(schema);
        if (index < 0) {
            schemas.add(schema);
            index = schemas.size() - 1;
        }
        int id = index + 1;
        List<Integer> ids = versions.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!ids.contains(id)) {
            ids.add(id);
        }
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        if (id < 1 || id > schemas.size()) {
            throw new SerializationException("no schema with id " + id);
        }
        return schemas.get(id - 1);
    }

    @Override
    public synchronized Optional<RegisteredSchema> latest(String subject) {
        List<Integer> ids = versions.get(subject);
        if (ids == null || ids.isEmpty()) {
            return Optional.empty();
        }
        int id = ids.get(ids.size() - 1);
        return Optional.of(new RegisteredSchema(subject, ids.size(), id, schemas.get(id - 1)));
    }
}
