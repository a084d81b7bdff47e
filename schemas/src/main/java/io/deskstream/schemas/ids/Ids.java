package io.deskstream.schemas.ids;

import java.nio.charset.StandardCharsets;

/**
 * The rules every id follows (docs/events.md, Ids), in one place for ingest, the API, routing rules and the
 * topology. An id is the id of an event, of a conversation ({@code ticketId}, {@code chatId}, {@code callId}), of an
 * agent or of a department:
 *
 * <ul>
 *   <li>1 to {@value #MAX_LENGTH} characters (Unicode code points), well-formed Unicode (no unpaired surrogate);</li>
 *   <li>no control character: U+0000 to U+001F, U+007F to U+009F;</li>
 *   <li>not only whitespace;</li>
 *   <li>a department id, which names a folder of the export, is at most {@value #MAX_DEPARTMENT_LENGTH} characters,
 *       and its folder name ({@link PartitionValue#encode}) at most {@value #MAX_DEPARTMENT_FOLDER_BYTES} bytes of
 *       UTF-8, so that {@code department=<folder name>} fits the 255 bytes file systems allow.</li>
 * </ul>
 *
 * Anything else is allowed, {@code /}, {@code ..} and {@code %} included: ids are never used as paths as they are;
 * the export encodes them ({@link PartitionValue}).
 */
public final class Ids {

    /** The dead-letter reason of an event refused for one of its ids, whoever refuses it. */
    public static final String INVALID = "invalid id";
    public static final int MAX_LENGTH = 256;
    public static final int MAX_DEPARTMENT_LENGTH = 64;
    public static final int MAX_DEPARTMENT_FOLDER_BYTES = 240;
    /** How much of a refused id a message shows. */
    private static final int SHOWN = 20;

    private Ids() {
    }

    /**
     * What is wrong with a value as an event, conversation or agent id, as the end of a sentence starting "it ..."
     * (e.g. {@code has the control character U+0000 at character 4}); null when it is a valid id.
     */
    public static String problem(String value) {
        return problem(value, MAX_LENGTH, "ids");
    }

    /** What is wrong with a value as a department id; null when it is a valid one. */
    public static String departmentProblem(String value) {
        String problem = problem(value, MAX_DEPARTMENT_LENGTH, "department ids");
        if (problem != null) {
            return problem;
        }
        if (value.length() <= MAX_DEPARTMENT_FOLDER_BYTES / 3) {
            return null; // at most 3 bytes per UTF-16 char, escaped or not: it fits without encoding it to know
        }
        int bytes = PartitionValue.encode(value).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_DEPARTMENT_FOLDER_BYTES) {
            return "is " + bytes + " bytes as a folder name of the export (department ids must fit in "
                    + MAX_DEPARTMENT_FOLDER_BYTES + ")";
        }
        return null;
    }

    /** The message of a refusal, naming the field: {@code field 'agentId' is not a valid id: it ...; got "..."}. */
    public static String refusal(String field, String value, String problem) {
        return "field '" + field + "' is not a valid id: it " + problem + "; got " + quoted(value);
    }

    /**
     * A value as a message may show it, whatever it holds: quoted, control characters, unpaired surrogates, quotes
     * and backslashes escaped as in Java, and only its first {@value #SHOWN} characters when it is longer.
     */
    public static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < value.length() && shown < SHOWN; shown++) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (isControl(c) || Character.getType(c) == Character.SURROGATE) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        }
        out.append('"');
        int length = value.codePointCount(0, value.length());
        if (length > SHOWN) {
            out.append("... (").append(length).append(" characters)");
        }
        return out.toString();
    }

    private static String problem(String value, int maxLength, String what) {
        if (value == null || value.isEmpty()) {
            return "is empty";
        }
        int length = 0;
        boolean blank = true;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            length++;
            if (isControl(c)) {
                return "has the control character " + String.format("U+%04X", c) + " at character " + length;
            }
            if (Character.getType(c) == Character.SURROGATE) {
                return "has an unpaired surrogate " + String.format("U+%04X", c) + " at character " + length
                        + " (not well-formed Unicode)";
            }
            blank &= Character.isWhitespace(c) || Character.isSpaceChar(c);
        }
        if (length > maxLength) {
            return "is " + length + " characters long (" + what + " are at most " + maxLength + ")";
        }
        if (blank) {
            return "is only whitespace";
        }
        return null;
    }

    private static boolean isControl(int c) {
        return c <= 0x1F || (c >= 0x7F && c <= 0x9F);
    }
}
