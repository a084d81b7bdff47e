package io.deskstream.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a Connect connector or task failed, in a line: Connect keeps the whole stack trace, whose first line is often
 * only "Exiting WorkerSinkTask due to unrecoverable exception"; the causes under it say what went wrong.
 */
final class ConnectTrace {

    private static final String CAUSED_BY = "Caused by: ";
    /** A qualified exception name at the start of a line: the package is left out. */
    private static final Pattern QUALIFIED = Pattern.compile("^(?:[a-z_$][\\w$]*\\.)+([A-Z][\\w$]*)");
    private static final int MAX_LENGTH = 2000;

    private ConnectTrace() {
    }

    /** The exception and its causes, each as {@code Name: message}, joined by "; caused by "; null for null. */
    static String summary(String trace) {
        if (trace == null || trace.isBlank()) {
            return null;
        }
        List<String> headlines = new ArrayList<>();
        for (String line : trace.split("\\R")) {
            if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            String headline = line.startsWith(CAUSED_BY) ? line.substring(CAUSED_BY.length()) : line;
            if (headlines.isEmpty() || line.startsWith(CAUSED_BY)) {
                Matcher qualified = QUALIFIED.matcher(headline);
                headlines.add(qualified.find() ? qualified.group(1) + headline.substring(qualified.end()) : headline);
            } else {
                // A message of several lines: its next line.
                headlines.set(headlines.size() - 1, headlines.get(headlines.size() - 1) + " " + headline);
            }
        }
        String summary = String.join("; caused by ", headlines);
        return summary.length() <= MAX_LENGTH ? summary : summary.substring(0, MAX_LENGTH - 1) + "…";
    }
}
