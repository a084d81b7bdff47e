package io.deskstream.topology.metrics;

import java.util.function.Consumer;

import io.deskstream.schemas.state.MetricCell;
import org.apache.kafka.streams.state.KeyValueStore;

/** The report cells of one partition, changed one cell at a time. */
public final class MetricCells {

    private final KeyValueStore<String, MetricCell> store;

    public MetricCells(KeyValueStore<String, MetricCell> store) {
        this.store = store;
    }

    public void change(CellKey key, Consumer<MetricCell> change) {
        String storeKey = key.storeKey();
        MetricCell cell = store.get(storeKey);
        if (cell == null) {
            cell = new MetricCell();
        }
        change.accept(cell);
        store.put(storeKey, cell);
    }
}
