package io.deskstream.api.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReportCsvTest {

    private static Map<String, Object> row(Object... pairs) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }

    @Test
    void writesAHeaderLineThenOneLinePerRowEndedByCrLf() {
        String csv = ReportCsv.write(List.of("bucket", "department", "replies"),
                List.of(row("bucket", "2026-11-02T00:00:00Z", "department", "sales", "replies", 3L)));
        assertThat(csv).isEqualTo("bucket,department,replies\r\n2026-11-02T00:00:00Z,sales,3\r\n");
    }

    @Test
    void quotesCellsWithCommasQuotesAndLineBreaks() {
        String csv = ReportCsv.write(List.of("agent"), List.of(row("agent", "Doe, \"Jo\"\nJr")));
        assertThat(csv).isEqualTo("agent\r\n\"Doe, \"\"Jo\"\"\nJr\"\r\n");
    }

    @Test
    void neutralisesTextThatASpreadsheetWouldRunAsAFormula() {
        for (String formula : List.of("=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx")) {
            assertThat(ReportCsv.cell(formula)).as(formula).isEqualTo("'" + formula);
        }
        assertThat(ReportCsv.cell("sales")).isEqualTo("sales");
    }

    @Test
    void writesNumbersPlainlyAndNullsAsEmptyCells() {
        assertThat(ReportCsv.cell(-1.0)).isEqualTo("-1");
        assertThat(ReportCsv.cell(0.000012)).isEqualTo("0.000012");
        assertThat(ReportCsv.cell(12.5)).isEqualTo("12.5");
        assertThat(ReportCsv.cell(null)).isEmpty();
        assertThat(ReportCsv.write(List.of("avg_first_response_s"), List.of(row("avg_first_response_s", null))))
                .isEqualTo("avg_first_response_s\r\n\"\"\r\n");
    }
}
