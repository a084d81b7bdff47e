package io.deskstream.connectors;

/** Writes the department report to Parquet files (ZSTD by default) in a Hive-style layout. */
public final class ParquetReportSink extends ReportSinkConnector {
    @Override
    protected RowFormat format() {
        return RowFormat.PARQUET;
    }
}
