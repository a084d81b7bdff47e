package io.deskstream.topology.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.deskstream.schemas.state.MetricCell;
import io.deskstream.topology.state.LiveStore;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The report cells of one partition, changed one cell at a time, and which of them changed since their shares were
 * last published.
 *
 * <p>The changed cells are known exactly in memory. So that a crash between a change and its publication cannot
 * forget it, the hour of each change is also marked in a logged store, once per hour until the next publication (a
 * mark per cell would double the records written): after a restart, every cell of a marked hour is published again,
 * which is harmless since a share is the whole of what the partition holds for a cell.
 */
public final class MetricCells {

    private static final StringSerializer KEYS = new StringSerializer();

    private final LiveStore<MetricCell> store;
    private final KeyValueStore<String, MetricCell> stored;
    private final KeyValueStore<String, Long> changedHours;
    private final Set<String> changed = new HashSet<>();
    /** Hours marked in {@code changedHours} and not published since. */
    private final Set<String> markedHours = new HashSet<>();
    /** Hours marked before this processor started: all their cells are published at the next publication. */
    private final List<String> recoveredHours = new ArrayList<>();

    public MetricCells(LiveStore<MetricCell> store, KeyValueStore<String, MetricCell> stored,
                       KeyValueStore<String, Long> changedHours) {
        this.store = store;
        this.stored = stored;
        this.changedHours = changedHours;
        try (KeyValueIterator<String, Long> marks = changedHours.all()) {
            marks.forEachRemaining(mark -> recoveredHours.add(mark.key));
        }
        markedHours.addAll(recoveredHours);
    }

    public void change(CellKey key, Consumer<MetricCell> change) {
        String storeKey = key.storeKey();
        MetricCell cell = store.get(storeKey);
        if (cell == null) {
            cell = new MetricCell();
        }
        change.accept(cell);
        store.put(storeKey, cell);
        changed.add(storeKey);
        String hour = CellKey.hourPrefix(key.hour());
        if (markedHours.add(hour)) {
            changedHours.put(hour, 1L);
        }
    }

    /** This partition's share of a cell now, empty if it has none. */
    public MetricCell share(String storeKey) {
        MetricCell cell = store.get(storeKey);
        return cell == null ? new MetricCell() : cell;
    }

    /**
     * Hands every cell changed since the last call to {@code publish}, then forgets the changes and their marks: the
     * caller publishes in the same transaction.
     */
    public void publishChanged(Consumer<String> publish) {
        if (!recoveredHours.isEmpty()) {
            store.writeBack();
            for (String hour : recoveredHours) {
                try (KeyValueIterator<String, MetricCell> cells = stored.prefixScan(hour, KEYS)) {
                    cells.forEachRemaining(cell -> changed.add(cell.key));
                }
            }
            recoveredHours.clear();
        }
        changed.forEach(publish);
        changed.clear();
        markedHours.forEach(changedHours::delete);
        markedHours.clear();
    }
}
