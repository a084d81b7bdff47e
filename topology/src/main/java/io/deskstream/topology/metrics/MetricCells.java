package io.deskstream.topology.metrics;

import java.util.function.Consumer;

import io.deskstream.schemas.state.MetricCell;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The report cells of one partition, changed one cell at a time. Each change also marks the cell as changed, in a
 * store of its own so that a crash between a change and its publication cannot forget it.
 */
public final class MetricCells {

    private final KeyValueStore<String, MetricCell> store;
    private final KeyValueStore<String, Long> changed;

    public MetricCells(KeyValueStore<String, MetricCell> store, KeyValueStore<String, Long> changed) {
        this.store = store;
        this.changed = changed;
    }

    public void change(CellKey key, Consumer<MetricCell> change) {
        String storeKey = key.storeKey();
        MetricCell cell = store.get(storeKey);
        if (cell == null) {
            cell = new MetricCell();
        }
        change.accept(cell);
        store.put(storeKey, cell);
        changed.put(storeKey, 1L);
    }
}
