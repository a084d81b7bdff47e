package io.deskstream.schemas.ids;

/**
 * A value as the folder name of a Hive-style partition ({@code department=<encoded>}), that readers such as DuckDB,
 * Spark and Hive decode back to the exact value, and that is never a path of its own.
 *
 * <p>The escapes are those of Hive's {@code FileUtils.escapePathName}: {@code %XX} in upper-case hex for the control
 * characters U+0000 to U+001F and U+007F, and for <code>" # % ' * / : = ? [ \ ] ^ &#123;</code>; every other character,
 * non-ASCII ones included, is kept as it is (readers decode {@code %XX} per character, so escaping non-ASCII bytes
 * would give Spark and Hive another string). Three more, so that every reader gets the exact value back and the value
 * is never a name of its own:
 *
 * <ul>
 *   <li>a leading {@code .} is escaped, so no value is {@code .}, {@code ..} or a hidden name on its own;</li>
 *   <li>the first character of {@code null} in any case is escaped ({@code %4Eull}): DuckDB reads a folder value
 *       {@code NULL}, {@code null}... as SQL NULL, but decodes {@code %4E} first;</li>
 *   <li>the first character of {@code __HIVE_DEFAULT_PARTITION__} is escaped: Hive and Spark read that folder value
 *       as NULL.</li>
 * </ul>
 */
public final class PartitionValue {

    private static final String HIVE_ESCAPED = "\"#%'*/:=?[\\]^{";
    private static final String HIVE_DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PartitionValue() {
    }

    /** The folder name of a value: never empty for a non-empty value, never containing a separator. */
    public static String encode(String value) {
        boolean readAsNull = value.equalsIgnoreCase("null") || value.equals(HIVE_DEFAULT_PARTITION);
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean first = i == 0;
            if (c <= 0x1F || c == 0x7F || HIVE_ESCAPED.indexOf(c) >= 0 || (first && (c == '.' || readAsNull))) {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The value of a folder name, as Hive's {@code unescapePathName} reads it: each {@code %XX} is one character. */
    public static String decode(String folderName) {
        StringBuilder out = new StringBuilder(folderName.length());
        for (int i = 0; i < folderName.length(); i++) {
            char c = folderName.charAt(i);
            if (c == '%' && i + 2 < folderName.length()
                    && isHex(folderName.charAt(i + 1)) && isHex(folderName.charAt(i + 2))) {
                out.append((char) Integer.parseInt(folderName.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80;
    }
}
