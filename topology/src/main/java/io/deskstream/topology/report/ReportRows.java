package io.deskstream.topology.report;

import java.util.Collection;
import java.util.Map;

import io.deskstream.schemas.output.ReportRow;
import io.deskstream.schemas.state.MetricCell;
import io.deskstream.topology.metrics.CellKey;
import org.apache.avro.Schema;

/** A report row of the export changelog: one hour cell with every column of metrics.md, from its shares. */
public final class ReportRows {

    private ReportRows() {
    }

    public static ReportRow of(CellKey key, Collection<MetricCell> shares) {
        CellTotals totals = new CellTotals();
        shares.forEach(totals::add);
        ReportRow row = new ReportRow();
        row.setBucket(key.hour());
        row.setDepartment(key.department());
        row.setChannel(key.channel());
        row.setAgent(key.agent());
        for (Map.Entry<String, Object> column : totals.columns().entrySet()) {
            Schema.Field field = ReportRow.getClassSchema().getField(column.getKey());
            row.put(field.pos(), column.getValue());
        }
        return row;
    }
}
