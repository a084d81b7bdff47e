package io.deskstream.api.report;

import java.util.Locale;

/** What a client's {@code Accept-Encoding} allows, as RFC 9110 (section 12.5.3) reads it. */
final class AcceptedEncodings {

    private AcceptedEncodings() {
    }

    /**
     * Whether gzip may be sent: named ({@code gzip} or its old alias {@code x-gzip}) or covered by {@code *}, with a
     * weight above 0. A weight of 0 refuses it, and an explicit refusal wins over {@code *}.
     */
    static boolean gzip(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.isBlank()) {
            return false;
        }
        Boolean named = null;
        boolean any = false;
        for (String element : acceptEncoding.split(",")) {
            String[] parts = element.split(";");
            String coding = parts[0].strip().toLowerCase(Locale.ROOT);
            boolean allowed = weight(parts) > 0;
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                named = named == null ? allowed : named && allowed;
            } else if (coding.equals("*")) {
                any = allowed;
            }
        }
        return named != null ? named : any;
    }

    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
