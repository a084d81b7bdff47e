package io.deskstream.topology.configuration;

import java.util.function.Consumer;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a global store of configuration (departments, routing rules, access tokens) up to date with its compacted
 * topic: a record puts, a tombstone deletes. {@code afterChange} sees the store after each change and once at start,
 * when the store has been restored.
 *
 * <p>Records are decoded here rather than by the source, so that a record that does not decode (bytes that anyone who
 * can write to the topic may put there) is ignored with a warning: it changes nothing — it neither grants nor takes
 * anything away — and the store goes on following its topic. Failing the record in the source would stop the global
 * thread, and with it every store of the instance.
 */
public final class ConfigurationUpdater<V> implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationUpdater.class);

    private final String storeName;
    private final Deserializer<V> values;
    private final Consumer<KeyValueStore<String, V>> afterChange;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, V> store;

    public ConfigurationUpdater(String storeName, Deserializer<V> values, Consumer<KeyValueStore<String, V>> afterChange) {
        this.storeName = storeName;
        this.values = values;
        this.afterChange = afterChange;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        store = context.getStateStore(storeName);
        afterChange.accept(store);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(storeName);
            V value;
            try {
                value = values.deserialize(topic, record.headers(), record.value());
            } catch (RuntimeException e) {
                ignored(topic, record.key(), e);
                return;
            }
            if (value == null) {
                ignored(topic, record.key(), null);
                return;
            }
            store.put(record.key(), value);
        }
        afterChange.accept(store);
    }

    private void ignored(String topic, String key, RuntimeException cause) {
        String where = context.recordMetadata().map(m -> m.partition() + "@" + m.offset()).orElse("?");
        LOG.warn("ignored a record on {} ({}, key \"{}\") that does not decode: {}; it changes nothing", topic, where,
                printable(key), cause == null ? "no value" : cause.getMessage());
    }

    /** The key as it may go into a log line: no control characters, at most 100 characters. */
    private static String printable(String key) {
        String shown = key.replaceAll("\\p{Cntrl}", "?");
        return shown.length() <= 100 ? shown : shown.substring(0, 100) + "...";
    }
}
