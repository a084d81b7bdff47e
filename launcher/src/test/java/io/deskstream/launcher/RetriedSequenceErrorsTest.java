package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetriedSequenceErrorsTest {

    private final LoggerContext context = new LoggerContext();
    private final RetriedSequenceErrors filter = new RetriedSequenceErrors();

    private LoggingEvent error(String logger, Throwable thrown) {
        Logger log = context.getLogger(logger);
        return new LoggingEvent(Logger.class.getName(), log, Level.ERROR, "Error processing append operation", thrown, null);
    }

    @AfterEach
    void quietAgain() {
        RetriedSequenceErrors.shown = false;
    }

    @Test
    void shouldKeepTheBrokersRetriedSequenceErrorsOffTheConsole() {
        assertThat(filter.decide(error("kafka.server.ReplicaManager", new OutOfOrderSequenceException("seq"))))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void shouldLetEveryOtherBrokerErrorThrough() {
        assertThat(filter.decide(error("kafka.server.ReplicaManager", new IllegalStateException("disk full"))))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(error("kafka.log.UnifiedLog", new OutOfOrderSequenceException("seq"))))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void shouldShowThemWhenVerbose() {
        RetriedSequenceErrors.shown = true;

        assertThat(filter.decide(error("kafka.server.ReplicaManager", new OutOfOrderSequenceException("seq"))))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
