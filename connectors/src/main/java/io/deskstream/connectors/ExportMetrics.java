package io.deskstream.connectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * What the export wrote, per format, counted in Micrometer's global registry: inside deskstream (the embedded
 * worker) that registry is served at {@code GET /metrics}; on a Connect cluster nothing is registered there and the
 * counts go nowhere.
 */
final class ExportMetrics {

    private final Counter rows;
    private final Counter files;
    private final Counter hoursClosed;
    private final Counter corrections;

    ExportMetrics(RowFormat format) {
        this(Metrics.globalRegistry, format);
    }

    ExportMetrics(MeterRegistry registry, RowFormat format) {
        String tag = format.extension();
        rows = Counter.builder("deskstream.export.rows").tag("format", tag)
                .description("Rows the export wrote, corrections included").register(registry);
        files = Counter.builder("deskstream.export.files").tag("format", tag)
                .description("Files the export wrote").register(registry);
        hoursClosed = Counter.builder("deskstream.export.hours.closed").tag("format", tag)
                .description("Hours written for the first time, once closed").register(registry);
        corrections = Counter.builder("deskstream.export.corrections").tag("format", tag)
                .description("Correction rows: a later revision of an hour already written").register(registry);
    }

    void flushed(PartitionExport.Flushed flushed) {
        rows.increment(flushed.rows());
        files.increment(flushed.files());
        hoursClosed.increment(flushed.hoursClosed());
        corrections.increment(flushed.corrections());
    }
}
