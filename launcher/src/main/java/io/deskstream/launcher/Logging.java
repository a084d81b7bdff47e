package io.deskstream.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Switches between the quiet default of logback.xml and the {@code --verbose} levels. */
final class Logging {

    private Logging() {
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
}
