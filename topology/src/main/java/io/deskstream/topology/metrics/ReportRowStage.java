package io.deskstream.topology.metrics;

import java.util.HashMap;

import io.deskstream.schemas.output.ReportRow;
import io.deskstream.schemas.state.CellPartials;
import io.deskstream.schemas.state.PartialCell;
import io.deskstream.topology.StoreNames;
import io.deskstream.topology.report.ReportRows;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import io.deskstream.topology.state.LiveStore;

/**
 * Adds up the partitions' shares of each cell into the cell's report row and publishes it on the report-rows topic,
 * one record per changed cell, for the export sinks.
 */
public final class ReportRowStage implements Processor<String, PartialCell, String, ReportRow> {

    private ProcessorContext<String, ReportRow> context;
    private LiveStore<CellPartials> shares;

    @Override
    public void init(ProcessorContext<String, ReportRow> context) {
        this.context = context;
        shares = LiveStore.attached(context, StoreNames.LIVE_REPORT_CELLS,
                context.getStateStore(StoreNames.REPORT_CELLS));
    }

    @Override
    public void process(Record<String, PartialCell> record) {
        CellPartials cell = shares.get(record.key());
        if (cell == null) {
            cell = new CellPartials(new HashMap<>());
        }
        cell.getByPartition().put(String.valueOf(record.value().getPartition()), record.value().getCell());
        shares.put(record.key(), cell);
        ReportRow row = ReportRows.of(CellKey.parse(record.key()), cell.getByPartition().values());
        context.forward(new Record<>(record.key(), row, record.timestamp()));
    }
}
