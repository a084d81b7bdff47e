package io.deskstream.launcher;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

/** A size on the command line: bytes, or a number with KiB, MiB or GiB. */
record ByteSize(long bytes) {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(|B|KIB|MIB|GIB)");

    static ByteSize parse(String text) {
        Matcher m = FORM.matcher(text.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("a size is a number of bytes, or a number with KiB, MiB or GiB; got \""
                    + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "KIB" -> 1024L;
            case "MIB" -> 1024L * 1024;
            case "GIB" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        if (n <= 0) {
            throw new IllegalArgumentException("a size must be more than 0; got \"" + text + "\"");
        }
        return new ByteSize(Math.multiplyExact(n, unit));
    }

    static final class Converter implements CommandLine.ITypeConverter<ByteSize> {
        @Override
        public ByteSize convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
