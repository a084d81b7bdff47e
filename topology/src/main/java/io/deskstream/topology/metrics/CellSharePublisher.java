package io.deskstream.topology.metrics;

import io.deskstream.schemas.state.PartialCell;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends this partition's share of every cell changed since the last time, keyed by cell. A share is the whole of
 * what this partition holds for the cell, not a delta, so sending it twice is harmless.
 */
public final class CellSharePublisher {

    private final MetricCells cells;

    public CellSharePublisher(MetricCells cells) {
        this.cells = cells;
    }

    public <V> void publish(ProcessorContext<String, V> context, String child, long timestamp) {
        int partition = context.taskId().partition();
        cells.publishChanged(key -> {
            @SuppressWarnings("unchecked")
            V share = (V) new PartialCell(partition, cells.share(key));
            context.forward(new Record<>(key, share, timestamp), child);
        });
    }
}
