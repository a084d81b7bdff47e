package io.deskstream.connectors;

/** Writes the department report to CSV files (RFC 4180, header line, UTF-8) in a Hive-style layout. */
public final class CsvReportSink extends ReportSinkConnector {
    @Override
    protected RowFormat format() {
        return RowFormat.CSV;
    }
}
