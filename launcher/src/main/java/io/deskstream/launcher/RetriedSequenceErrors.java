package io.deskstream.launcher;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps one known broker message off the console: under exactly-once load the embedded broker (Kafka 4.3, transactions
 * v2) logs an {@code OutOfOrderSequenceException} at ERROR for appends that the producer then retries (KAFKA-18202).
 * Nothing is lost or doubled; the lines would only bury what the user needs to see. {@code --verbose} shows them.
 */
public final class RetriedSequenceErrors extends Filter<ILoggingEvent> {

    static volatile boolean shown;

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (shown || !event.getLoggerName().equals("kafka.server.ReplicaManager")) {
            return FilterReply.NEUTRAL;
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        return thrown != null && thrown.getClassName().endsWith("OutOfOrderSequenceException")
                ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
