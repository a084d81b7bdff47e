package io.deskstream.schemas.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SpreadsheetSafeTextTest {

    @Test
    void textASpreadsheetWouldRunAsAFormulaGetsALeadingApostrophe() {
        for (String formula : List.of("=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "=")) {
            assertThat(SpreadsheetSafeText.of(formula)).as(formula).isEqualTo("'" + formula);
        }
    }

    @Test
    void otherTextIsKeptAsItIs() {
        for (String text : List.of("sales", "", " =x", "a=b", "'quoted", "\nx", "dépt-ü-日本", "1-2")) {
            assertThat(SpreadsheetSafeText.of(text)).as(text).isEqualTo(text);
        }
    }
}
