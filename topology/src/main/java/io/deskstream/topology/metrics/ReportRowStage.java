package io.deskstream.topology.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;

import io.deskstream.schemas.output.ReportRow;
import io.deskstream.schemas.state.CellPartials;
import io.deskstream.schemas.state.PartialCell;
import io.deskstream.topology.StoreNames;
import io.deskstream.topology.report.ReportRows;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import io.deskstream.topology.state.LiveStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds up the partitions' shares of each cell into the cell's report row and publishes it on the report-rows topic,
 * one record per changed cell, for the export sinks. Cells older than the retention are forgotten here too, a bounded
 * number at a time, each with a tombstone on report-rows so that compaction removes its row there (files already
 * exported stay).
 */
public final class ReportRowStage implements Processor<String, PartialCell, String, ReportRow> {

    private static final Duration EXPIRY_INTERVAL = Duration.ofSeconds(10);
    public static final int EXPIRY_BUDGET = 5_000;

    private final Duration retention;
    private ProcessorContext<String, ReportRow> context;
    private LiveStore<CellPartials> shares;
    private KeyValueStore<String, CellPartials> storedShares;
    /** The newest hour this task has seen: its event time, of which the retention is counted back. */
    private Instant newestHour = Instant.EPOCH;
    private Cancellable expiry;

    public ReportRowStage(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, ReportRow> context) {
        this.context = context;
        storedShares = context.getStateStore(StoreNames.REPORT_CELLS);
        shares = LiveStore.attached(context, StoreNames.LIVE_REPORT_CELLS, storedShares);
        newestHour = newestHourStored();
        expiry = context.schedule(EXPIRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    /**
     * After a restart or a move of the task, the newest hour of the restored cells (keys start with their hour), so
     * that expiry goes on at once instead of waiting for the next share to arrive.
     */
    private Instant newestHourStored() {
        try (KeyValueIterator<String, CellPartials> newestFirst = storedShares.reverseAll()) {
            return newestFirst.hasNext() ? CellKey.parse(newestFirst.next().key).hour() : Instant.EPOCH;
        }
    }

    /** Forgets up to the budget of cells older than the retention, and tombstones their report rows. */
    private void expire(long now) {
        Instant cutoff = newestHour.minus(retention);
        if (cutoff.isBefore(Instant.EPOCH)) {
            return; // no cell is older (and a range from 1970 to before it is a wrong-way range)
        }
        shares.writeBack();
        int forgotten = 0;
        try (KeyValueIterator<String, CellPartials> old = storedShares.range(CellKey.hourPrefix(Instant.EPOCH),
                CellKey.hourPrefix(cutoff))) {
            while (old.hasNext() && forgotten < EXPIRY_BUDGET) {
                String key = old.next().key;
                shares.delete(key);
                context.forward(new Record<String, ReportRow>(key, null, now));
                forgotten++;
            }
        }
    }

    @Override
    public void close() {
        if (expiry != null) {
            expiry.cancel();
        }
    }

    @Override
    public void process(Record<String, PartialCell> record) {
        CellPartials cell = shares.get(record.key());
        if (cell == null) {
            cell = new CellPartials(new HashMap<>());
        }
        cell.getByPartition().put(String.valueOf(record.value().getPartition()), record.value().getCell());
        shares.put(record.key(), cell);
        CellKey key = CellKey.parse(record.key());
        if (key.hour().isAfter(newestHour)) {
            newestHour = key.hour();
        }
        ReportRow row = ReportRows.of(key, cell.getByPartition().values());
        context.forward(new Record<>(record.key(), row, record.timestamp()));
    }
}
