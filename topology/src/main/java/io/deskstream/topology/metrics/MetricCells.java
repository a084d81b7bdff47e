package io.deskstream.topology.metrics;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

import io.deskstream.schemas.state.MetricCell;
import io.deskstream.topology.state.LiveStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The report cells of one partition, changed one cell at a time. A changed cell is also marked as changed, in a
 * logged store of its own, so that a crash between a change and its publication cannot forget it; a cell is marked
 * once until its share is published, however often it changes in between.
 */
public final class MetricCells {

    private final LiveStore<MetricCell> store;
    private final KeyValueStore<String, Long> changed;
    /** Cells marked in {@code changed} by this processor and not published since. */
    private final Set<String> marked = new HashSet<>();

    public MetricCells(LiveStore<MetricCell> store, KeyValueStore<String, Long> changed) {
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
        if (marked.add(storeKey)) {
            changed.put(storeKey, 1L);
        }
    }

    /** This partition's share of a cell now, empty if it has none. */
    public MetricCell share(String storeKey) {
        MetricCell cell = store.get(storeKey);
        return cell == null ? new MetricCell() : cell;
    }

    /** The cells changed and not published yet, including those marked before a restart. */
    public KeyValueIterator<String, Long> changed() {
        return changed.all();
    }

    /** The share of a cell has been published as it is now. */
    public void published(String storeKey) {
        changed.delete(storeKey);
        marked.remove(storeKey);
    }
}
