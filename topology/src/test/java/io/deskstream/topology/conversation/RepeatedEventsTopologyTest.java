package io.deskstream.topology.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.deskstream.topology.StoreNames;
import io.deskstream.topology.TopologyFixture;
import io.deskstream.topology.report.Granularity;
import io.deskstream.topology.report.ReportQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * events.md: a second event with the same id is a duplicate and is ignored — for ratings too, and however many events
 * a conversation has, while the state a conversation carries stays bounded.
 */
class RepeatedEventsTopologyTest {

    private TopologyFixture desk;

    @BeforeEach
    void start() throws Exception {
        desk = new TopologyFixture(Instant.parse("2026-11-20T00:00:00Z"));
        desk.department("""
                {"id": "support", "name": "Support"}""");
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    @Test
    void aRepeatOfAnyEventOfAConversationOfAThousandEventsIsIgnoredAndItsStateStaysSmall() throws Exception {
        List<String> events = new ArrayList<>();
        events.add("{\"id\": \"m-0\", \"type\": \"ticket.created\", \"ts\": \"2026-11-02T10:00:00Z\", \"ticketId\": \"t\", "
                + "\"channel\": \"email\", \"departmentId\": \"support\"}");
        for (int i = 1; i < 1_000; i++) {
            events.add(message(i));
        }
        desk.events(events.toArray(String[]::new));
        assertThat(incomingMessages()).isEqualTo(1_000);

        desk.events(message(1), message(500), message(999), events.get(0));

        assertThat(incomingMessages()).as("repeats of an early, a middle and a recent event").isEqualTo(1_000);
        assertThat(desk.conversation("ticket:t").getSeenEvents().getRecent().remaining())
                .isEqualTo(SeenEventIds.RING_BYTES);
        assertThat(desk.entries(StoreNames.EVENT_IDS)).isEqualTo(1_000 - SeenEventIds.RING);
        desk.events(message(1_000));
        assertThat(incomingMessages()).as("a new event still counts").isEqualTo(1_001);
    }

    @Test
    void aRepeatedRatingIsIgnoredEvenWhenItTiesWithTheRatingReadLast() throws Exception {
        desk.eventLines("""
                {"id": "1", "type": "ticket.created", "ts": "2026-11-02T09:00:00Z", "ticketId": "t", "channel": "web", "departmentId": "support"}
                {"id": "2", "type": "ticket.resolved", "ts": "2026-11-02T10:00:00Z", "ticketId": "t", "agentId": "a-1"}
                {"id": "r-1", "type": "rating", "ts": "2026-11-02T12:00:00Z", "ticketId": "t", "value": "positive"}
                {"id": "r-2", "type": "rating", "ts": "2026-11-02T12:00:00Z", "ticketId": "t", "value": "negative"}
                {"id": "r-1", "type": "rating", "ts": "2026-11-02T12:00:00Z", "ticketId": "t", "value": "positive"}
                """);

        Map<String, Object> hour = desk.report(new ReportQuery(Instant.parse("2026-11-02T10:00:00Z"),
                Instant.parse("2026-11-02T11:00:00Z"), Granularity.HOUR, List.of("department"), ZoneOffset.UTC,
                Set.of(), Set.of(), Set.of(), List.of())).get(0);
        assertThat(hour).containsEntry("negative_ratings", 1L).containsEntry("positive_ratings", 0L);
    }

    private static String message(int i) {
        return "{\"id\": \"m-" + i + "\", \"type\": \"ticket.message\", \"ts\": \"2026-11-02T10:"
                + String.format("%02d", i % 60) + ":00Z\", \"ticketId\": \"t\"}";
    }

    private long incomingMessages() {
        return (Long) desk.report(new ReportQuery(Instant.parse("2026-11-02T00:00:00Z"),
                Instant.parse("2026-11-03T00:00:00Z"), Granularity.TOTAL, List.of("department"), ZoneOffset.UTC,
                Set.of(), Set.of(), Set.of(), List.of())).get(0).get("incoming_messages");
    }
}
