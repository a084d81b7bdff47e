package io.deskstream.topology.metrics;

import java.util.ArrayList;
import java.util.List;

import io.deskstream.schemas.state.PartialCell;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Sends this partition's share of every cell changed since the last time, keyed by cell, then forgets the marks.
 * A share is the whole of what this partition holds for the cell, not a delta, so sending it twice is harmless.
 */
public final class CellSharePublisher {

    private final MetricCells cells;

    public CellSharePublisher(MetricCells cells) {
        this.cells = cells;
    }

    public <V> void publish(ProcessorContext<String, V> context, String child, long timestamp) {
        int partition = context.taskId().partition();
        List<String> sent = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = cells.changed()) {
            all.forEachRemaining(entry -> {
                @SuppressWarnings("unchecked")
                V share = (V) new PartialCell(partition, cells.share(entry.key));
                context.forward(new Record<>(entry.key, share, timestamp), child);
                sent.add(entry.key);
            });
        }
        sent.forEach(cells::published);
    }
}
