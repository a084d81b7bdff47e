package io.deskstream.connectors;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.deskstream.schemas.text.SpreadsheetSafeText;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes rows to a file durably and atomically: to a hidden temporary name beside it, forced to disk, then renamed
 * over the final name. A reader sees the whole file or none of it, and writing the same name again replaces it.
 */
abstract class RowFiles {

    static RowFiles of(ExportConfig config) {
        return config.format() == RowFormat.PARQUET ? new Parquet(config.compression()) : new Csv();
    }

    void write(Path target, List<ExportRow> rows) throws IOException {
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        writeTo(temporary, rows);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException notSupported) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
    }

    abstract void writeTo(Path file, List<ExportRow> rows) throws IOException;

    /** Apache Parquet through its Avro support, ZSTD by default, on the local file system without Hadoop's. */
    static final class Parquet extends RowFiles {
        private final CompressionCodecName codec;

        Parquet(String compression) {
            this.codec = CompressionCodecName.fromConf(compression);
        }

        @Override
        void writeTo(Path file, List<ExportRow> rows) throws IOException {
            try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                    .withSchema(ExportRow.SCHEMA)
                    .withConf(new Configuration(false))
                    .withCompressionCodec(codec)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .build()) {
                for (ExportRow row : rows) {
                    writer.write(row.toRecord());
                }
            }
        }
    }

    /**
     * RFC 4180 with a header line, UTF-8; timestamps as ISO instants, empty cells for nulls, and text a spreadsheet
     * would run as a formula with a leading apostrophe, as in the API's CSV ({@link SpreadsheetSafeText}).
     */
    static final class Csv extends RowFiles {
        @Override
        void writeTo(Path file, List<ExportRow> rows) throws IOException {
            List<String> columns = ExportRow.columns();
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
                printer.printRecord(columns);
                for (ExportRow row : rows) {
                    GenericRecord record = row.toRecord();
                    List<String> cells = new ArrayList<>(columns.size());
                    for (String column : columns) {
                        Object value = record.get(column);
                        cells.add(column.equals("bucket") || column.equals("written_at")
                                ? Instant.ofEpochMilli((Long) value).toString() : cell(value));
                    }
                    printer.printRecord(cells);
                }
            }
        }

        private static String cell(Object value) {
            if (value == null) {
                return "";
            }
            if (value instanceof Double d) {
                return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            }
            if (value instanceof Number) {
                return value.toString();
            }
            return SpreadsheetSafeText.of(value.toString());
        }
    }
}
