package io.deskstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.deskstream.topology.report.Granularity;
import io.deskstream.topology.report.ReportQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of metrics.md, one behaviour each, with the events written out. */
class MetricsTopologyTest {

    private TopologyFixture desk;

    @BeforeEach
    void start() throws Exception {
        desk = new TopologyFixture(Instant.parse("2026-11-20T00:00:00Z"));
        desk.department("""
                {"id": "sales", "name": "Sales", "timezone": "Europe/Prague",
                 "workingHours": {"fri": [["09:00", "17:00"]], "mon": [["09:00", "17:00"]]},
                 "sla": {"firstResponseSeconds": 3600}}""");
        desk.department("{\"id\": \"support\", \"name\": \"Support\"}");
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    /** Every hour row of the report, by department, channel and agent. */
    private List<Map<String, Object>> hours() {
        return desk.report(new ReportQuery(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"),
                Granularity.HOUR, List.of("department", "channel", "agent"), ZoneOffset.UTC, Set.of(), Set.of(), Set.of(),
                List.of()));
    }

    private Map<String, Object> row(String hour, String department, String agent) {
        return hours().stream()
                .filter(r -> r.get("bucket").equals(hour) && r.get("department").equals(department)
                        && java.util.Objects.equals(r.get("agent"), agent))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + hour + " " + department + " " + agent
                        + " in " + hours()));
    }

    @Test
    void aReopenedTicketMovesItsRatingToItsLatestResolution() throws Exception {
        desk.events(
                "{\"id\":\"1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T10:00:00Z\",\"ticketId\":\"t\",\"channel\":\"email\",\"departmentId\":\"support\"}",
                "{\"id\":\"2\",\"type\":\"ticket.reply\",\"ts\":\"2026-11-02T11:00:00Z\",\"ticketId\":\"t\",\"agentId\":\"a-1\"}",
                "{\"id\":\"3\",\"type\":\"ticket.resolved\",\"ts\":\"2026-11-02T13:30:00Z\",\"ticketId\":\"t\"}",
                "{\"id\":\"4\",\"type\":\"rating\",\"ts\":\"2026-11-02T15:00:00Z\",\"ticketId\":\"t\",\"value\":\"positive\"}");
        assertThat(row("2026-11-02T13:00:00Z", "support", "a-1")).containsEntry("positive_ratings", 1L);

        desk.events(
                "{\"id\":\"5\",\"type\":\"ticket.message\",\"ts\":\"2026-11-02T16:00:00Z\",\"ticketId\":\"t\"}",
                "{\"id\":\"6\",\"type\":\"ticket.reply\",\"ts\":\"2026-11-02T17:00:00Z\",\"ticketId\":\"t\",\"agentId\":\"a-1\"}",
                "{\"id\":\"7\",\"type\":\"ticket.resolved\",\"ts\":\"2026-11-02T18:00:00Z\",\"ticketId\":\"t\",\"agentId\":\"a-2\"}");

        assertThat(row("2026-11-02T13:00:00Z", "support", "a-1"))
                .containsEntry("tickets_resolved", 1L).containsEntry("positive_ratings", 0L);
        assertThat(row("2026-11-02T18:00:00Z", "support", "a-2"))
                .containsEntry("tickets_resolved", 1L).containsEntry("positive_ratings", 1L).containsEntry("positive_pct", 100.0);
    }

    @Test
    void aRatingBeforeItsTicketStillCounts() throws Exception {
        desk.events(
                "{\"id\":\"r\",\"type\":\"rating\",\"ts\":\"2026-11-02T12:00:00Z\",\"ticketId\":\"t\",\"value\":\"negative\"}",
                "{\"id\":\"1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:00:00Z\",\"ticketId\":\"t\",\"channel\":\"web\",\"departmentId\":\"support\"}",
                "{\"id\":\"2\",\"type\":\"ticket.resolved\",\"ts\":\"2026-11-02T10:00:00Z\",\"ticketId\":\"t\",\"agentId\":\"a-1\"}");

        assertThat(row("2026-11-02T10:00:00Z", "support", "a-1"))
                .containsEntry("negative_ratings", 1L).containsEntry("not_rated", 0L);
    }

    @Test
    void theLatestRatingByTsWinsWhateverOrderRatingsArriveIn() throws Exception {
        desk.events(
                "{\"id\":\"1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:00:00Z\",\"ticketId\":\"t\",\"channel\":\"web\",\"departmentId\":\"support\"}",
                "{\"id\":\"2\",\"type\":\"ticket.resolved\",\"ts\":\"2026-11-02T10:00:00Z\",\"ticketId\":\"t\",\"agentId\":\"a-1\"}");
        assertThat(row("2026-11-02T10:00:00Z", "support", "a-1")).containsEntry("not_rated", 1L);

        desk.events(
                "{\"id\":\"r2\",\"type\":\"rating\",\"ts\":\"2026-11-04T13:00:00Z\",\"ticketId\":\"t\",\"value\":\"positive\"}",
                "{\"id\":\"r1\",\"type\":\"rating\",\"ts\":\"2026-11-04T12:00:00Z\",\"ticketId\":\"t\",\"value\":\"negative\"}");

        assertThat(row("2026-11-02T10:00:00Z", "support", "a-1"))
                .containsEntry("not_rated", 0L).containsEntry("positive_ratings", 1L).containsEntry("negative_ratings", 0L);
    }

    @Test
    void aResponseCountsForTheDepartmentTheTicketIsInAtTheReply() throws Exception {
        desk.events(
                "{\"id\":\"1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:00:00Z\",\"ticketId\":\"t\",\"channel\":\"email\",\"departmentId\":\"support\"}",
                "{\"id\":\"2\",\"type\":\"ticket.transferred\",\"ts\":\"2026-11-02T09:05:00Z\",\"ticketId\":\"t\",\"departmentId\":\"sales\"}",
                "{\"id\":\"3\",\"type\":\"ticket.reply\",\"ts\":\"2026-11-02T09:40:00Z\",\"ticketId\":\"t\",\"agentId\":\"a-1\"}");

        assertThat(row("2026-11-02T09:00:00Z", "support", null))
                .containsEntry("tickets_created", 1L).containsEntry("first_response_count", 0L);
        assertThat(row("2026-11-02T09:00:00Z", "sales", "a-1"))
                .containsEntry("first_response_count", 1L).containsEntry("avg_first_response_s", 2400.0)
                .containsEntry("replies", 1L);
    }

    @Test
    void aWaitStartsAtTheFirstUnansweredCustomerMessage() throws Exception {
        desk.events(
                "{\"id\":\"1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T10:00:00Z\",\"ticketId\":\"t\",\"channel\":\"email\",\"departmentId\":\"support\"}",
                "{\"id\":\"2\",\"type\":\"ticket.reply\",\"ts\":\"2026-11-02T11:00:00Z\",\"ticketId\":\"t\",\"agentId\":\"a-1\"}",
                "{\"id\":\"3\",\"type\":\"ticket.message\",\"ts\":\"2026-11-02T12:00:00Z\",\"ticketId\":\"t\"}",
                "{\"id\":\"4\",\"type\":\"ticket.message\",\"ts\":\"2026-11-02T12:30:00Z\",\"ticketId\":\"t\"}",
                "{\"id\":\"5\",\"type\":\"ticket.reply\",\"ts\":\"2026-11-02T13:00:00Z\",\"ticketId\":\"t\",\"agentId\":\"a-1\"}",
                "{\"id\":\"6\",\"type\":\"ticket.reply\",\"ts\":\"2026-11-02T13:10:00Z\",\"ticketId\":\"t\",\"agentId\":\"a-1\"}");

        assertThat(row("2026-11-02T11:00:00Z", "support", "a-1")).containsEntry("avg_first_response_s", 3600.0);
        assertThat(row("2026-11-02T13:00:00Z", "support", "a-1"))
                .as("the second reply, not waiting, gives no sample")
                .containsEntry("next_response_count", 1L).containsEntry("avg_next_response_s", 3600.0)
                .containsEntry("replies", 2L);
        assertThat(row("2026-11-02T12:00:00Z", "support", "a-1")).containsEntry("incoming_messages", 2L);
    }

    @Test
    void aChatMessageBeforeAcceptCountsForTheAgentRoutingAssigned() throws Exception {
        desk.rule("{\"id\": \"chats\", \"name\": \"n\", \"actions\": [{\"type\": \"assign\", \"agentId\": \"a-9\"}]}");
        desk.events(
                "{\"id\":\"1\",\"type\":\"chat.started\",\"ts\":\"2026-11-02T09:00:00Z\",\"chatId\":\"c\",\"departmentId\":\"support\"}",
                "{\"id\":\"2\",\"type\":\"chat.message\",\"ts\":\"2026-11-02T09:00:10Z\",\"chatId\":\"c\",\"from\":\"customer\"}",
                "{\"id\":\"3\",\"type\":\"chat.accepted\",\"ts\":\"2026-11-02T09:00:30Z\",\"chatId\":\"c\",\"agentId\":\"a-2\"}",
                "{\"id\":\"4\",\"type\":\"chat.message\",\"ts\":\"2026-11-02T09:01:00Z\",\"chatId\":\"c\",\"from\":\"agent\"}",
                "{\"id\":\"5\",\"type\":\"chat.ended\",\"ts\":\"2026-11-02T09:05:30Z\",\"chatId\":\"c\"}");

        assertThat(row("2026-11-02T09:00:00Z", "support", "a-9"))
                .containsEntry("incoming_chats", 1L).containsEntry("chat_messages", 1L);
        assertThat(row("2026-11-02T09:00:00Z", "support", "a-2"))
                .containsEntry("chats", 1L).containsEntry("avg_chat_pickup_s", 30.0).containsEntry("chat_messages", 1L)
                .containsEntry("finished_chats", 1L).containsEntry("avg_chat_duration_s", 300.0);
    }

    @Test
    void aChatNeverAcceptedIsMissedWhenItEnds() throws Exception {
        desk.events(
                "{\"id\":\"1\",\"type\":\"chat.started\",\"ts\":\"2026-11-02T09:00:00Z\",\"chatId\":\"c\",\"departmentId\":\"support\"}",
                "{\"id\":\"2\",\"type\":\"chat.ended\",\"ts\":\"2026-11-02T09:03:00Z\",\"chatId\":\"c\"}");

        assertThat(row("2026-11-02T09:00:00Z", "support", null))
                .containsEntry("missed_chats", 1L).containsEntry("finished_chats", 0L).containsEntry("avg_chat_duration_s", null);
    }

    @Test
    void aCallNeverEndedCountsAsAnsweredOnly() throws Exception {
        desk.events(
                "{\"id\":\"1\",\"type\":\"call.incoming\",\"ts\":\"2026-11-02T09:00:00Z\",\"callId\":\"c\",\"departmentId\":\"support\"}",
                "{\"id\":\"2\",\"type\":\"call.answered\",\"ts\":\"2026-11-02T09:00:20Z\",\"callId\":\"c\",\"agentId\":\"a-3\"}");

        assertThat(row("2026-11-02T09:00:00Z", "support", "a-3"))
                .containsEntry("calls", 1L).containsEntry("finished_calls", 0L).containsEntry("call_minutes", 0.0);
        assertThat(row("2026-11-02T09:00:00Z", "support", null)).containsEntry("incoming_calls", 1L);
    }

    @Test
    void callMinutesAreTheTalkTimeCountedWhenTheCallEnds() throws Exception {
        desk.events(
                "{\"id\":\"1\",\"type\":\"call.incoming\",\"ts\":\"2026-11-02T09:59:00Z\",\"callId\":\"c\",\"departmentId\":\"support\"}",
                "{\"id\":\"2\",\"type\":\"call.answered\",\"ts\":\"2026-11-02T09:59:30Z\",\"callId\":\"c\",\"agentId\":\"a-3\"}",
                "{\"id\":\"3\",\"type\":\"call.ended\",\"ts\":\"2026-11-02T10:01:00Z\",\"callId\":\"c\"}",
                "{\"id\":\"4\",\"type\":\"call.incoming\",\"ts\":\"2026-11-02T10:10:00Z\",\"callId\":\"d\",\"departmentId\":\"support\"}",
                "{\"id\":\"5\",\"type\":\"call.ended\",\"ts\":\"2026-11-02T10:11:00Z\",\"callId\":\"d\"}");

        assertThat(row("2026-11-02T10:00:00Z", "support", "a-3"))
                .containsEntry("finished_calls", 1L).containsEntry("call_minutes", 1.5);
        assertThat(row("2026-11-02T10:00:00Z", "support", null)).containsEntry("missed_calls", 1L);
    }

    @Test
    void workingHoursCountTheClockAsItWasAcrossADaylightSavingChange() throws Exception {
        // Europe/Prague leaves summer time on Sunday 2026-10-25. Friday 16:00 to Monday 10:00 local time is one
        // working hour on Friday (16-17 CEST) and one on Monday (9-10 CET): 7200 s, whatever the clock did on Sunday.
        desk.events(
                "{\"id\":\"1\",\"type\":\"ticket.created\",\"ts\":\"2026-10-23T14:00:00Z\",\"ticketId\":\"t\",\"channel\":\"email\",\"departmentId\":\"sales\"}",
                "{\"id\":\"2\",\"type\":\"ticket.reply\",\"ts\":\"2026-10-26T09:00:00Z\",\"ticketId\":\"t\",\"agentId\":\"a-1\"}");

        Map<String, Object> reply = row("2026-10-26T09:00:00Z", "sales", "a-1");
        assertThat(reply).containsEntry("avg_first_response_business_s", 7200.0)
                .containsEntry("avg_first_response_s", 67.0 * 3600)
                .containsEntry("sla_first_response_breached", 1L).containsEntry("sla_compliance_pct", 0.0);
    }

    @Test
    void aFirstResponseWithinTheSlaInWorkingTimeIsMet() throws Exception {
        desk.events(
                "{\"id\":\"1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T07:30:00Z\",\"ticketId\":\"t\",\"channel\":\"email\",\"departmentId\":\"sales\"}",
                "{\"id\":\"2\",\"type\":\"ticket.reply\",\"ts\":\"2026-11-02T08:30:00Z\",\"ticketId\":\"t\",\"agentId\":\"a-1\"}");

        assertThat(row("2026-11-02T08:00:00Z", "sales", "a-1"))
                .containsEntry("avg_first_response_business_s", 1800.0)
                .containsEntry("sla_first_response_met", 1L).containsEntry("sla_compliance_pct", 100.0);
    }

    @Test
    void tagsAddedCountDistinctTagsAtCreationAndOnlyNewOnesLater() throws Exception {
        desk.events(
                "{\"id\":\"1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:00:00Z\",\"ticketId\":\"t\",\"channel\":\"email\",\"departmentId\":\"support\",\"tags\":[\"Gold\",\"gold\",\"vip\"]}",
                "{\"id\":\"2\",\"type\":\"ticket.tagged\",\"ts\":\"2026-11-02T10:00:00Z\",\"ticketId\":\"t\",\"tags\":[\"VIP\",\"refund\"]}");

        assertThat(row("2026-11-02T09:00:00Z", "support", null)).containsEntry("tags_added", 2L);
        assertThat(row("2026-11-02T10:00:00Z", "support", null)).containsEntry("tags_added", 1L);
    }

    @Test
    void aLateEventStillCountsInTheHourOfItsOwnTs() throws Exception {
        desk.events(
                "{\"id\":\"1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-10T09:00:00Z\",\"ticketId\":\"new\",\"channel\":\"email\",\"departmentId\":\"support\"}",
                "{\"id\":\"2\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:00:00Z\",\"ticketId\":\"old\",\"channel\":\"email\",\"departmentId\":\"support\"}");

        assertThat(row("2026-11-02T09:00:00Z", "support", null)).containsEntry("tickets_created", 1L);
    }

    @Test
    void rowsWhoseCountsAreAllZeroAreLeftOut() throws Exception {
        desk.events(
                "{\"id\":\"1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:00:00Z\",\"ticketId\":\"t\",\"channel\":\"email\",\"departmentId\":\"support\"}",
                "{\"id\":\"2\",\"type\":\"ticket.resolved\",\"ts\":\"2026-11-02T10:00:00Z\",\"ticketId\":\"t\",\"agentId\":\"a-1\"}",
                "{\"id\":\"3\",\"type\":\"ticket.message\",\"ts\":\"2026-11-02T11:00:00Z\",\"ticketId\":\"t\"}");

        assertThat(hours()).extracting(r -> r.get("bucket") + " " + r.get("agent"))
                .containsExactly("2026-11-02T09:00:00Z null", "2026-11-02T10:00:00Z a-1", "2026-11-02T11:00:00Z null");
        assertThat(row("2026-11-02T10:00:00Z", "support", "a-1")).containsEntry("not_rated", 0L)
                .containsEntry("tickets_resolved", 1L).containsEntry("not_rated_pct", null);
    }
}
