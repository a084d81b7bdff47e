package io.deskstream.topology.configuration;

import java.util.HashMap;
import java.util.Map;

import io.deskstream.schemas.config.Department;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The departments of the departments store as objects, read again when the store changes rather than decoded from
 * the store for every event that needs one. Shared by the global thread that updates the store and the stream
 * threads that read; the objects are only read.
 */
public final class LiveDepartments {

    private volatile Map<String, Department> current;

    /** Reads the departments now in the store. */
    public void refresh(ReadOnlyKeyValueStore<String, Department> store) {
        Map<String, Department> departments = new HashMap<>();
        try (KeyValueIterator<String, Department> all = store.all()) {
            all.forEachRemaining(entry -> departments.put(entry.key, entry.value));
        }
        current = Map.copyOf(departments);
    }

    /** A configured department, or null; reads the store first if it has not been read yet. */
    public Department get(String id, ReadOnlyKeyValueStore<String, Department> store) {
        Map<String, Department> departments = current;
        if (departments == null) {
            refresh(store);
            departments = current;
        }
        return departments.get(id);
    }
}
