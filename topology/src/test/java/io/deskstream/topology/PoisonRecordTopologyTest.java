package io.deskstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.deskstream.schemas.config.Department;
import io.deskstream.schemas.config.WorkingInterval;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A record that makes the processing throw goes to the dead letters with reason {@code processing error}, the
 * exception's class and message in headers and its bytes unchanged, and the stream goes on with the next record.
 */
class PoisonRecordTopologyTest {

    private TopologyFixture desk;

    @BeforeEach
    void start() throws Exception {
        desk = new TopologyFixture(Instant.parse("2026-11-20T00:00:00Z"));
        // Written to the topic directly, not through the API, which refuses a time zone that does not exist.
        desk.departmentUnchecked(Department.newBuilder().setId("moon").setName("Moon base").setTimezone("Mare/Tranquillitatis")
                .setWorkingHours(Map.of("mon", List.of(new WorkingInterval("09:00", "17:00")))).build());
        desk.department("""
                {"id": "support", "name": "Support"}""");
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    @Test
    void aReplyThatCannotBeMeasuredGoesToTheDeadLettersAndTheNextEventIsProcessed() throws Exception {
        desk.eventLines("""
                {"id": "1", "type": "ticket.created", "ts": "2026-11-02T09:00:00Z", "ticketId": "t", "channel": "email", "departmentId": "moon"}
                {"id": "2", "type": "ticket.reply", "ts": "2026-11-02T10:00:00Z", "ticketId": "t", "agentId": "a-1"}
                {"id": "3", "type": "ticket.created", "ts": "2026-11-02T10:05:00Z", "ticketId": "u", "channel": "email", "departmentId": "support"}
                """);

        List<TestRecord<String, byte[]>> deadLetters = desk.deadLetters();
        assertThat(deadLetters).hasSize(1);
        TestRecord<String, byte[]> poison = deadLetters.get(0);
        assertThat(TopologyFixture.header(poison.headers(), DeadLetterHeaders.REASON)).isEqualTo("processing error");
        assertThat(TopologyFixture.header(poison.headers(), DeadLetterHeaders.EXCEPTION_CLASS))
                .isEqualTo("java.time.zone.ZoneRulesException");
        assertThat(TopologyFixture.header(poison.headers(), DeadLetterHeaders.EXCEPTION_MESSAGE))
                .contains("Mare/Tranquillitatis");
        assertThat(TopologyFixture.header(poison.headers(), DeadLetterHeaders.SOURCE_TOPIC))
                .isEqualTo(TopologyFixture.TOPICS.ticketEvents());
        assertThat(poison.key()).isEqualTo("t");
        assertThat(new String(poison.value(), StandardCharsets.UTF_8)).as("the original bytes").isNotEmpty();

        assertThat(desk.conversation("ticket:u")).as("the next event").isNotNull();
        assertThat(desk.conversation("ticket:t").getTicket().getReplied()).as("the failed reply changed nothing")
                .isFalse();
    }

    @Test
    void aProcessingErrorIsCountedByItsReason() throws Exception {
        desk.eventLines("""
                {"id": "1", "type": "ticket.created", "ts": "2026-11-02T09:00:00Z", "ticketId": "t", "channel": "email", "departmentId": "moon"}
                {"id": "2", "type": "ticket.reply", "ts": "2026-11-02T10:00:00Z", "ticketId": "t", "agentId": "a-1"}
                """);

        assertThat(desk.deadLetterCounts()).containsEntry("processing error", 1L);
    }
}
