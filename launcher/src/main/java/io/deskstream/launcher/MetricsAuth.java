package io.deskstream.launcher;

import java.util.Locale;

/** Who may read {@code GET /metrics}: anyone who reaches the port, or only a token's holder. */
enum MetricsAuth {
    OPEN, TOKEN;

    static MetricsAuth parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--metrics-auth must be open or token, got \"" + text + "\"");
        }
    }
}
