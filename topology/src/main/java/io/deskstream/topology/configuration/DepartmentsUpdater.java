package io.deskstream.topology.configuration;

import io.deskstream.schemas.config.Department;
import io.deskstream.topology.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global departments store up to date with the departments topic (tombstone = deleted). */
public final class DepartmentsUpdater implements Processor<String, Department, Void, Void> {

    private KeyValueStore<String, Department> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(StoreNames.DEPARTMENTS);
    }

    @Override
    public void process(Record<String, Department> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
