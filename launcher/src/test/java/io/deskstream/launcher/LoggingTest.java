package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The console log as operators read it: dated lines in text or JSON, and what {@code --verbose} adds. */
class LoggingTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private PrintStream stderr;

    /** The configuration the command line ships (the tests' own logback-test.xml would win otherwise). */
    @BeforeEach
    void captureTheConsoleUnderTheShippedConfiguration() throws Exception {
        stderr = System.err;
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator shipped = new JoranConfigurator();
        shipped.setContext(context);
        shipped.doConfigure(Logging.class.getResource("/logback.xml"));
    }

    @AfterEach
    void restoreTheConsoleAndTheDefaultConfiguration() throws Exception {
        System.setErr(stderr);
        RetriedSequenceErrors.shown = false;
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private String written() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTextLineStartsWithItsIsoDateTimeAndOffset() {
        LoggerFactory.getLogger("io.deskstream.launcher.DeskstreamProcess").warn("the export is behind");

        assertThat(written()).containsPattern(
                "(?m)^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) WARN .* - the export is behind$");
    }

    @Test
    void aJsonLineIsOneObjectWithAnIsoTimestampWithItsOffset() throws Exception {
        Logging.configure(false, Logging.Format.JSON);

        LoggerFactory.getLogger("io.deskstream.launcher.DeskstreamProcess").warn("the export is behind");

        String line = written().strip();
        assertThat(line).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("message").asText()).isEqualTo("the export is behind");
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger_name").asText()).isEqualTo("io.deskstream.launcher.DeskstreamProcess");
        assertThat(OffsetDateTime.parse(json.get("@timestamp").asText())).isNotNull();
    }

    @Test
    void quietByDefaultTheRebalanceLinesOfKafkaAndDeskstreamShowWithVerbose() {
        LoggerFactory.getLogger("org.apache.kafka.streams.processor.internals.StreamThread")
                .info("State transition from RUNNING to PARTITIONS_REVOKED");
        LoggerFactory.getLogger("io.deskstream.topology.StreamsRuntime").info("topology RUNNING -> REBALANCING");
        assertThat(written()).isEmpty();

        Logging.configure(true, Logging.Format.TEXT);
        LoggerFactory.getLogger("org.apache.kafka.streams.processor.internals.StreamThread")
                .info("State transition from RUNNING to PARTITIONS_REVOKED");
        LoggerFactory.getLogger("io.deskstream.topology.StreamsRuntime").info("topology RUNNING -> REBALANCING");

        assertThat(written())
                .contains("INFO  o.a.k.s.p.i.StreamThread - State transition from RUNNING to PARTITIONS_REVOKED")
                .contains("topology RUNNING -> REBALANCING");
    }
}
