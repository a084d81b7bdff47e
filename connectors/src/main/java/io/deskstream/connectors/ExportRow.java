package io.deskstream.connectors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.deskstream.schemas.output.ReportRow;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * One exported row: an hour cell of the report with every column (the report-rows record as it was when written),
 * its {@code revision} (1 when the hour closed, one more for each correction) and {@code written_at}.
 */
public record ExportRow(ReportRow row, long revision, Instant writtenAt) {

    public static final Schema SCHEMA = schema();

    private static Schema schema() {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : ReportRow.getClassSchema().getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(new Schema.Field("revision", Schema.create(Schema.Type.LONG),
                "1 for the row written when the hour closed, one more for each correction", null));
        Schema millis = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        fields.add(new Schema.Field("written_at", millis, "when this revision was written, UTC", null));
        return Schema.createRecord("ExportRow", "An hour of the department report as exported",
                "io.deskstream.connectors", false, fields);
    }

    public GenericRecord toRecord() {
        GenericRecord record = new GenericData.Record(SCHEMA);
        for (Schema.Field field : ReportRow.getClassSchema().getFields()) {
            Object value = row.get(field.pos());
            record.put(field.name(), value instanceof Instant instant ? instant.toEpochMilli() : value);
        }
        record.put("revision", revision);
        record.put("written_at", writtenAt.toEpochMilli());
        return record;
    }

    /** The column names, in file order. */
    public static List<String> columns() {
        return SCHEMA.getFields().stream().map(Schema.Field::name).toList();
    }
}
