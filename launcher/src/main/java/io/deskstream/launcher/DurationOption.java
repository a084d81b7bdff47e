package io.deskstream.launcher;

import java.time.Duration;

import io.deskstream.connectors.ExportConfig;
import picocli.CommandLine;

/** A duration on the command line: 90s, 15m, 1h, 2d, as the export connectors read them. */
record DurationOption(Duration duration) {

    static DurationOption parse(String text) {
        return new DurationOption(ExportConfig.parseDuration(text));
    }

    static final class Converter implements CommandLine.ITypeConverter<DurationOption> {
        @Override
        public DurationOption convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
