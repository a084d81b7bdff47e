package io.deskstream.topology.metrics;

import java.util.ArrayList;
import java.util.List;

import io.deskstream.schemas.state.MetricCell;
import io.deskstream.schemas.state.PartialCell;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sends this partition's share of every cell changed since the last time, keyed by cell, then forgets the marks.
 * A share is the whole of what this partition holds for the cell, not a delta, so sending it twice is harmless.
 */
public final class CellSharePublisher {

    private final KeyValueStore<String, MetricCell> cells;
    private final KeyValueStore<String, Long> changed;

    public CellSharePublisher(KeyValueStore<String, MetricCell> cells, KeyValueStore<String, Long> changed) {
        this.cells = cells;
        this.changed = changed;
    }

    public <V> void publish(ProcessorContext<String, V> context, String child, long timestamp) {
        int partition = context.taskId().partition();
        List<String> sent = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = changed.all()) {
            all.forEachRemaining(entry -> {
                MetricCell cell = cells.get(entry.key);
                @SuppressWarnings("unchecked")
                V share = (V) new PartialCell(partition, cell == null ? new MetricCell() : cell);
                context.forward(new Record<>(entry.key, share, timestamp), child);
                sent.add(entry.key);
            });
        }
        sent.forEach(changed::delete);
    }
}
