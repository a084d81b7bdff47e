package io.deskstream.topology.configuration;

import java.util.function.Consumer;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a global store of configuration (departments, routing rules) up to date with its compacted topic: a record
 * puts, a tombstone deletes. {@code afterChange} sees the store after each change and once at start, when the store
 * has been restored.
 */
public final class ConfigurationUpdater<V> implements Processor<String, V, Void, Void> {

    private final String storeName;
    private final Consumer<KeyValueStore<String, V>> afterChange;
    private KeyValueStore<String, V> store;

    public ConfigurationUpdater(String storeName, Consumer<KeyValueStore<String, V>> afterChange) {
        this.storeName = storeName;
        this.afterChange = afterChange;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        afterChange.accept(store);
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        afterChange.accept(store);
    }
}
