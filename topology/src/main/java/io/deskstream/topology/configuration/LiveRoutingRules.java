package io.deskstream.topology.configuration;

import java.util.ArrayList;
import java.util.List;

import io.deskstream.schemas.config.RoutingRule;
import io.deskstream.topology.routing.RoutingRules;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compiled routing rules of the rules store, recompiled when the store changes rather than on every conversation.
 * Shared by the global thread that updates the rules and the stream threads that route.
 */
public final class LiveRoutingRules {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRoutingRules.class);
    private volatile RoutingRules current;

    /** Compiles the rules now in the store; a rule that cannot run is left out, with a warning. */
    public void refresh(ReadOnlyKeyValueStore<String, RoutingRule> store) {
        current = compile(store);
    }

    /** The rules of a store as routing runs them: a rule that cannot run is left out, with a warning. */
    public static RoutingRules compile(ReadOnlyKeyValueStore<String, RoutingRule> store) {
        List<RoutingRule> rules = new ArrayList<>();
        try (KeyValueIterator<String, RoutingRule> all = store.all()) {
            all.forEachRemaining(entry -> {
                try {
                    RoutingRules.of(List.of(entry.value));
                    rules.add(entry.value);
                } catch (IllegalArgumentException e) {
                    LOG.warn("routing rule left out: {}", e.getMessage());
                }
            });
        }
        return RoutingRules.of(rules);
    }

    /** The rules as last compiled; compiles them first if nothing has been compiled yet. */
    public RoutingRules current(ReadOnlyKeyValueStore<String, RoutingRule> store) {
        RoutingRules rules = current;
        if (rules == null) {
            refresh(store);
            rules = current;
        }
        return rules;
    }
}
