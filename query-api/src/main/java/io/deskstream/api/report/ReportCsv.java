package io.deskstream.api.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.deskstream.schemas.text.SpreadsheetSafeText;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Report rows as CSV: RFC 4180 (comma, double quotes, CRLF), a header line, empty cells for nulls, and no cell a
 * spreadsheet would run as a formula: text starting with {@code = + - @}, a tab or a carriage return gets a leading
 * apostrophe (OWASP's advice for CSV injection; {@link SpreadsheetSafeText}, the rule the export's CSV files follow
 * too). Numbers are written plainly, never in exponent form.
 */
public final class ReportCsv {

    private ReportCsv() {
    }

    public static String write(List<String> header, List<Map<String, Object>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(header);
            for (Map<String, Object> row : rows) {
                List<String> cells = new ArrayList<>(header.size());
                for (String column : header) {
                    cells.add(cell(row.get(column)));
                }
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV to memory failed", e);
        }
        return out.toString();
    }

    static String cell(Object value) {
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
