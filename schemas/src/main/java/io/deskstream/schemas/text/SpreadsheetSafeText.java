package io.deskstream.schemas.text;

/**
 * Text for a cell of a CSV file that people open in a spreadsheet: text a spreadsheet would run as a formula (it
 * starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return) gets a leading apostrophe, as
 * OWASP advises against CSV injection; other text is kept as it is. The one rule of every CSV deskstream writes: the
 * API's report and the export's files. Numbers are not text: a negative number stays a number.
 */
public final class SpreadsheetSafeText {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private SpreadsheetSafeText() {
    }

    public static String of(String text) {
        if (!text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
