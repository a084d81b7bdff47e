package io.deskstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.deskstream.schemas.config.AccessToken;
import io.deskstream.topology.configuration.ConfigurationUpdater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Records on the compacted configuration topics (departments, routing rules, access tokens) feed global stores, read
 * by the global thread. Anyone who can write to the brokers can put bytes there: a record that does not decode must
 * be ignored with a warning, change nothing and not stop the stores from following their topics.
 */
class ConfigurationTopicsTest {

    private TopologyFixture desk;
    private ListAppender<ILoggingEvent> warnings;
    private Logger handlerLog;

    @BeforeEach
    void start() throws Exception {
        handlerLog = (Logger) LoggerFactory.getLogger(ConfigurationUpdater.class);
        warnings = new ListAppender<>();
        warnings.start();
        handlerLog.addAppender(warnings);
        desk = new TopologyFixture(Instant.parse("2026-11-03T00:00:00Z"));
        desk.department("{\"id\": \"sales\", \"name\": \"Sales\"}");
    }

    @AfterEach
    void stop() {
        handlerLog.detachAppender(warnings);
        desk.close();
    }

    private static AccessToken token(String id, List<String> departments) {
        return AccessToken.newBuilder().setId(id).setSecretSha256("00".repeat(32)).setRole("agent")
                .setDepartments(departments).setCreatedAt(Instant.parse("2026-11-02T00:00:00Z")).build();
    }

    @Test
    void anUndecodableTokenRecordIsIgnoredWithAWarningAndLaterRecordsStillApply() {
        desk.accessToken(token("aaaaaaaaaaaa", List.of("sales")));

        desk.rawBytes(TopologyFixture.TOPICS.accessTokens(), "aaaaaaaaaaaa", "[\"sales\", \"support\"]".getBytes(StandardCharsets.UTF_8));
        desk.rawBytes(TopologyFixture.TOPICS.accessTokens(), "bbbbbbbbbbbb", new byte[]{0, 0, 0, 0, 1, 7, 7});
        desk.accessToken(token("cccccccccccc", List.of("sales")));

        assertThat(desk.accessToken("aaaaaaaaaaaa").getDepartments()).containsExactly("sales");
        assertThat(desk.accessToken("bbbbbbbbbbbb")).isNull();
        assertThat(desk.accessToken("cccccccccccc")).isNotNull();
        assertThat(warnings.list).filteredOn(e -> e.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .hasSize(2)
                .allSatisfy(message -> assertThat(message).contains(TopologyFixture.TOPICS.accessTokens())
                        .contains("ignored").doesNotContain("support"));
        assertThat(desk.deadLetters()).isEmpty();
    }

    @Test
    void anUndecodableDepartmentRecordIsIgnoredToo() throws Exception {
        desk.rawBytes(TopologyFixture.TOPICS.departments(), "sales", "{\"name\": \"Hacked\"}".getBytes(StandardCharsets.UTF_8));
        desk.department("{\"id\": \"support\", \"name\": \"Support\"}");

        assertThat(desk.departmentRecord("sales").getName()).isEqualTo("Sales");
        assertThat(desk.departmentRecord("support")).isNotNull();
    }
}
