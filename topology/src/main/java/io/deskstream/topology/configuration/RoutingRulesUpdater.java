package io.deskstream.topology.configuration;

import io.deskstream.schemas.config.RoutingRule;
import io.deskstream.topology.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global rules store and its compiled form up to date with the rules topic (tombstone = deleted). */
public final class RoutingRulesUpdater implements Processor<String, RoutingRule, Void, Void> {

    private final LiveRoutingRules live;
    private KeyValueStore<String, RoutingRule> store;

    public RoutingRulesUpdater(LiveRoutingRules live) {
        this.live = live;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(StoreNames.ROUTING_RULES);
        live.refresh(store);
    }

    @Override
    public void process(Record<String, RoutingRule> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        live.refresh(store);
    }
}
