package io.deskstream.topology.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.deskstream.topology.TopologyFixture;
import io.deskstream.topology.report.Granularity;
import io.deskstream.topology.report.ReportQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * events.md: an event of a conversation that arrives with a ts earlier than one already applied is still applied in
 * arrival order and counted in the bucket of its own ts; a duration it closes is its end minus its start, and 0 where
 * that is negative. No sum, mean or percentile holds a negative duration.
 */
class OutOfOrderDurationsTest {

    private TopologyFixture desk;

    @BeforeEach
    void start() throws Exception {
        desk = new TopologyFixture(Instant.parse("2026-11-20T00:00:00Z"));
        desk.department("""
                {"id": "support", "name": "Support", "sla": {"firstResponseSeconds": 600}}""");
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    @Test
    void aReplyStampedBeforeTheTicketsCreationIsAFirstResponseOfZeroSecondsInItsOwnHour() throws Exception {
        desk.eventLines("""
                {"id": "1", "type": "ticket.created", "ts": "2026-11-02T10:00:00Z", "ticketId": "t", "channel": "email", "departmentId": "support"}
                {"id": "2", "type": "ticket.reply", "ts": "2026-11-02T09:50:00Z", "ticketId": "t", "agentId": "a-1"}
                """);

        assertThat(row("2026-11-02T09:00:00Z", "a-1"))
                .containsEntry("replies", 1L)
                .containsEntry("first_response_count", 1L)
                .containsEntry("avg_first_response_s", 0.0)
                .containsEntry("p50_first_response_s", 0.0)
                .containsEntry("p90_first_response_s", 0.0)
                .containsEntry("avg_first_response_business_s", 0.0)
                .containsEntry("sla_first_response_met", 1L);
    }

    @Test
    void aNextReplyStampedBeforeTheWaitItEndsIsANextResponseOfZeroSeconds() throws Exception {
        desk.eventLines("""
                {"id": "1", "type": "ticket.created", "ts": "2026-11-02T10:00:00Z", "ticketId": "t", "channel": "email", "departmentId": "support"}
                {"id": "2", "type": "ticket.reply", "ts": "2026-11-02T10:10:00Z", "ticketId": "t", "agentId": "a-1"}
                {"id": "3", "type": "ticket.message", "ts": "2026-11-02T11:30:00Z", "ticketId": "t"}
                {"id": "4", "type": "ticket.reply", "ts": "2026-11-02T11:20:00Z", "ticketId": "t", "agentId": "a-1"}
                """);

        assertThat(row("2026-11-02T11:00:00Z", "a-1"))
                .containsEntry("next_response_count", 1L)
                .containsEntry("avg_next_response_s", 0.0)
                .containsEntry("p50_next_response_s", 0.0);
    }

    @Test
    void aChatAcceptedBeforeItStartedHasAPickupOfZeroSeconds() throws Exception {
        desk.eventLines("""
                {"id": "1", "type": "chat.started", "ts": "2026-11-02T10:00:00Z", "chatId": "c", "departmentId": "support"}
                {"id": "2", "type": "chat.accepted", "ts": "2026-11-02T09:59:00Z", "chatId": "c", "agentId": "a-2"}
                """);

        assertThat(row("2026-11-02T09:00:00Z", "a-2"))
                .containsEntry("chats", 1L)
                .containsEntry("chat_pickup_count", 1L)
                .containsEntry("avg_chat_pickup_s", 0.0);
    }

    @Test
    void aChatEndedBeforeItWasAcceptedLastsZeroSeconds() throws Exception {
        desk.eventLines("""
                {"id": "1", "type": "chat.started", "ts": "2026-11-02T10:00:00Z", "chatId": "c", "departmentId": "support"}
                {"id": "2", "type": "chat.accepted", "ts": "2026-11-02T10:01:00Z", "chatId": "c", "agentId": "a-2"}
                {"id": "3", "type": "chat.ended", "ts": "2026-11-02T10:00:30Z", "chatId": "c"}
                """);

        assertThat(row("2026-11-02T10:00:00Z", "a-2"))
                .containsEntry("finished_chats", 1L)
                .containsEntry("chat_duration_count", 1L)
                .containsEntry("avg_chat_duration_s", 0.0);
    }

    @Test
    void aCallEndedBeforeItWasAnsweredCountsZeroCallMinutes() throws Exception {
        desk.eventLines("""
                {"id": "1", "type": "call.incoming", "ts": "2026-11-02T10:00:00Z", "callId": "k", "departmentId": "support"}
                {"id": "2", "type": "call.answered", "ts": "2026-11-02T10:05:00Z", "callId": "k", "agentId": "a-3"}
                {"id": "3", "type": "call.ended", "ts": "2026-11-02T10:02:00Z", "callId": "k"}
                """);

        assertThat(row("2026-11-02T10:00:00Z", "a-3"))
                .containsEntry("finished_calls", 1L)
                .containsEntry("call_minutes", 0.0);
    }

    private Map<String, Object> row(String hour, String agent) {
        List<Map<String, Object>> rows = desk.report(new ReportQuery(Instant.parse("2026-11-02T00:00:00Z"),
                Instant.parse("2026-11-03T00:00:00Z"), Granularity.HOUR, List.of("department", "agent"),
                ZoneOffset.UTC, Set.of(), Set.of(), Set.of(), List.of()));
        return rows.stream()
                .filter(r -> r.get("bucket").equals(hour) && Objects.equals(r.get("agent"), agent))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + hour + " " + agent + " in " + rows));
    }
}
