package io.deskstream.launcher;

import java.util.Locale;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/** Switches between the quiet default of logback.xml and the {@code --verbose} levels, and the log format. */
final class Logging {

    /** How log lines are written: text for people, JSON (one object a line) for log shippers. */
    enum Format {
        TEXT, JSON;

        static Format parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--log-format must be text or json, got \"" + text + "\"");
            }
        }
    }

    private Logging() {
    }

    /** Applies the options shared by the long-running commands. */
    static void configure(boolean verbose, Format format) {
        if (format == Format.JSON) {
            json();
        }
        if (verbose) {
            verbose();
        }
    }

    static void verbose() {
        RetriedSequenceErrors.shown = true;
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        context.getLogger("io.deskstream").setLevel(Level.DEBUG);
        context.getLogger("org.apache.kafka").setLevel(Level.INFO);
        context.getLogger("kafka").setLevel(Level.INFO);
        context.getLogger("org.eclipse.jetty").setLevel(Level.INFO);
        context.getLogger("io.javalin").setLevel(Level.INFO);
    }

    /**
     * One JSON object per line, with {@code @timestamp} as an ISO-8601 instant with the offset (logback's own JSON
     * encoder writes epoch milliseconds, which a person reading a shipped log cannot), level, logger, thread,
     * message and stack trace.
     */
    static void json() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        console.stop();
        console.setEncoder(encoder);
        console.start();
    }
}
