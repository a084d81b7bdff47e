package io.deskstream.topology;

import static io.deskstream.topology.TopologyFixture.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.deskstream.schemas.output.RoutedConversation;
import io.deskstream.schemas.output.RoutingDecision;
import io.deskstream.schemas.state.ConversationState;
import io.deskstream.schemas.state.TicketStatus;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutingTopologyTest {

    private static final String SOCIAL_TO_MARKETING = """
            {"id": "social-to-marketing", "name": "Social", "order": 10,
             "conditionGroups": [{"conditions": [{"field": "channel", "op": "in", "value": ["facebook", "twitter"]}]}],
             "actions": [{"type": "transfer", "departmentId": "marketing"}, {"type": "addTags", "tags": ["social"]}]}""";

    private TopologyFixture desk;

    @BeforeEach
    void start() throws Exception {
        desk = new TopologyFixture(Instant.parse("2026-11-03T00:00:00Z"));
        desk.department("{\"id\": \"marketing\", \"name\": \"Marketing\"}");
        desk.department("{\"id\": \"sales\", \"name\": \"Sales\"}");
        desk.rule(SOCIAL_TO_MARKETING);
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    @Test
    void shouldRouteATicketOnItsFirstEventAndPublishTheDecision() throws Exception {
        desk.events("{\"id\":\"e-1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:00:00Z\",\"ticketId\":\"t-1\","
                + "\"channel\":\"facebook\",\"tags\":[\"Gold\"]}");

        List<RoutedConversation> routed = desk.routed();
        assertThat(routed).hasSize(1);
        RoutedConversation decision = routed.get(0);
        assertThat(decision.getConversationId()).isEqualTo("t-1");
        assertThat(decision.getDecision()).isEqualTo(RoutingDecision.created);
        assertThat(decision.getDepartment()).isEqualTo("marketing");
        assertThat(decision.getPreviousDepartment()).isNull();
        assertThat(decision.getTags()).containsExactly("Gold", "social");
        assertThat(decision.getMatchedRules()).containsExactly("social-to-marketing");
        assertThat(decision.getEventId()).isEqualTo("e-1");
        assertThat(decision.getEventTs()).isEqualTo(Instant.parse("2026-11-02T09:00:00Z"));
    }

    @Test
    void shouldPublishADecisionOnTheTopicOfItsDepartmentWhenTheDepartmentIsConfigured() throws Exception {
        desk.events(
                "{\"id\":\"e-1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:00:00Z\",\"ticketId\":\"t-1\",\"channel\":\"twitter\"}",
                "{\"id\":\"e-2\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:01:00Z\",\"ticketId\":\"t-2\",\"channel\":\"email\",\"departmentId\":\"hr\"}");

        assertThat(desk.routedToDepartment("marketing")).extracting(RoutedConversation::getConversationId).containsExactly("t-1");
        assertThat(desk.routedToDepartment("hr")).isEmpty();
        assertThat(desk.routed()).extracting(RoutedConversation::getDepartment).containsExactly("marketing", "hr");
    }

    @Test
    void shouldRouteAConversationThatNoRuleSendsAnywhereToNone() throws Exception {
        desk.events("{\"id\":\"e-1\",\"type\":\"chat.started\",\"ts\":\"2026-11-02T09:00:00Z\",\"chatId\":\"ch-1\"}");

        assertThat(desk.routed().get(0).getDepartment()).isEqualTo("none");
        assertThat(desk.conversation("chat:ch-1").getDepartment()).isNull();
    }

    @Test
    void shouldApplyARuleAddedWhileRunningToConversationsCreatedAfterItOnly() throws Exception {
        desk.events("{\"id\":\"e-1\",\"type\":\"call.incoming\",\"ts\":\"2026-11-02T09:00:00Z\",\"callId\":\"cl-1\"}");
        desk.rule("{\"id\": \"calls-to-sales\", \"name\": \"Calls\", \"actions\": [{\"type\": \"transfer\", \"departmentId\": \"sales\"}]}");
        desk.events("{\"id\":\"e-2\",\"type\":\"call.incoming\",\"ts\":\"2026-11-02T09:01:00Z\",\"callId\":\"cl-2\"}");

        assertThat(desk.conversation("call:cl-1").getDepartment()).isNull();
        assertThat(desk.conversation("call:cl-2").getDepartment()).isEqualTo("sales");
        assertThat(desk.conversation("call:cl-2").getMatchedRules()).containsExactly("calls-to-sales");
    }

    @Test
    void shouldStopApplyingARuleOnceItIsDeleted() throws Exception {
        desk.deleteRule("social-to-marketing");
        desk.events("{\"id\":\"e-1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:00:00Z\",\"ticketId\":\"t-1\",\"channel\":\"facebook\"}");

        assertThat(desk.conversation("ticket:t-1").getMatchedRules()).isEmpty();
    }

    @Test
    void shouldMoveATicketOnTransferAndPublishTheMove() throws Exception {
        desk.events(
                "{\"id\":\"e-1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:00:00Z\",\"ticketId\":\"t-1\",\"channel\":\"facebook\"}",
                "{\"id\":\"e-2\",\"type\":\"ticket.assigned\",\"ts\":\"2026-11-02T09:01:00Z\",\"ticketId\":\"t-1\",\"agentId\":\"a-1\"}",
                "{\"id\":\"e-3\",\"type\":\"ticket.transferred\",\"ts\":\"2026-11-02T09:05:00Z\",\"ticketId\":\"t-1\",\"departmentId\":\"sales\"}");

        ConversationState ticket = desk.conversation("ticket:t-1");
        assertThat(ticket.getDepartment()).isEqualTo("sales");
        assertThat(ticket.getAgent()).as("a transfer without an agent leaves the ticket unassigned").isNull();
        RoutedConversation move = desk.routed().get(1);
        assertThat(move.getDecision()).isEqualTo(RoutingDecision.transferred);
        assertThat(move.getPreviousDepartment()).isEqualTo("marketing");
        assertThat(move.getDepartment()).isEqualTo("sales");
        assertThat(move.getEventId()).isEqualTo("e-3");
        assertThat(desk.routedToDepartment("sales")).hasSize(1);
    }

    @Test
    void shouldIgnoreAnEventWhoseIdWasSeenForTheSameConversation() throws Exception {
        String created = "{\"id\":\"e-1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:00:00Z\",\"ticketId\":\"t-1\",\"channel\":\"email\"}";
        String transfer = "{\"id\":\"e-2\",\"type\":\"ticket.transferred\",\"ts\":\"2026-11-02T09:05:00Z\",\"ticketId\":\"t-1\",\"departmentId\":\"sales\"}";
        desk.events(created, transfer, created, transfer);

        assertThat(desk.routed()).hasSize(2);
        assertThat(desk.deadLetters()).isEmpty();
        assertThat(desk.conversation("ticket:t-1").getSeenEvents().getRecent().remaining()).as("two ids remembered")
                .isEqualTo(32);
    }

    @Test
    void shouldFollowTheTicketStatusFromNewToAnsweredToOpenToResolved() throws Exception {
        desk.events("{\"id\":\"e-1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:00:00Z\",\"ticketId\":\"t-1\",\"channel\":\"email\"}");
        assertThat(desk.conversation("ticket:t-1").getTicket().getStatus()).isEqualTo(TicketStatus.new$);

        desk.events("{\"id\":\"e-2\",\"type\":\"ticket.reply\",\"ts\":\"2026-11-02T09:10:00Z\",\"ticketId\":\"t-1\",\"agentId\":\"a-1\"}");
        assertThat(desk.conversation("ticket:t-1").getTicket().getStatus()).isEqualTo(TicketStatus.answered);
        assertThat(desk.conversation("ticket:t-1").getAgent()).as("a reply on an unassigned ticket assigns it").isEqualTo("a-1");

        desk.events("{\"id\":\"e-3\",\"type\":\"ticket.message\",\"ts\":\"2026-11-02T09:20:00Z\",\"ticketId\":\"t-1\"}");
        assertThat(desk.conversation("ticket:t-1").getTicket().getStatus()).isEqualTo(TicketStatus.open);

        desk.events("{\"id\":\"e-4\",\"type\":\"ticket.resolved\",\"ts\":\"2026-11-02T09:30:00Z\",\"ticketId\":\"t-1\"}",
                "{\"id\":\"e-5\",\"type\":\"ticket.reply\",\"ts\":\"2026-11-02T09:40:00Z\",\"ticketId\":\"t-1\",\"agentId\":\"a-2\"}");
        assertThat(desk.conversation("ticket:t-1").getTicket().getStatus())
                .as("a reply on a resolved ticket leaves it resolved").isEqualTo(TicketStatus.resolved);
        assertThat(desk.conversation("ticket:t-1").getAgent()).isEqualTo("a-1");
    }

    @Test
    void shouldSendAnEventOfAConversationNeverCreatedToTheDeadLetterTopicUnchanged() throws Exception {
        String reply = "{\"id\":\"bad-4\",\"type\":\"ticket.reply\",\"ts\":\"2026-11-02T10:00:00Z\",\"ticketId\":\"t-never\",\"agentId\":\"a-1\"}";
        desk.events(reply);

        List<TestRecord<String, byte[]>> dead = desk.deadLetters();
        assertThat(dead).hasSize(1);
        Headers headers = dead.get(0).headers();
        assertThat(header(headers, DeadLetterHeaders.REASON)).isEqualTo("unknown conversation");
        assertThat(header(headers, DeadLetterHeaders.ERROR)).contains("t-never");
        assertThat(header(headers, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TopologyFixture.TOPICS.ticketEvents());
        assertThat(header(headers, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(dead.get(0).value()[0]).as("the original Confluent-framed bytes").isEqualTo((byte) 0);
        assertThat(desk.conversation("ticket:t-never")).isNull();
    }

    @Test
    void shouldSendAnEventMoreThanADayInTheFutureToTheDeadLetterTopic() throws Exception {
        desk.events("{\"id\":\"e-1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-04T00:00:01Z\",\"ticketId\":\"t-1\",\"channel\":\"email\"}",
                "{\"id\":\"e-2\",\"type\":\"ticket.created\",\"ts\":\"2026-11-03T23:59:00Z\",\"ticketId\":\"t-2\",\"channel\":\"email\"}");

        assertThat(desk.deadLetters()).extracting(r -> header(r.headers(), DeadLetterHeaders.REASON)).containsExactly("future ts");
        assertThat(desk.conversation("ticket:t-1")).isNull();
        assertThat(desk.conversation("ticket:t-2")).isNotNull();
    }

    @Test
    void shouldSendBytesThatAreNotAnEventToTheDeadLetterTopicAndGoOn() throws Exception {
        desk.rawBytes(TopologyFixture.TOPICS.ticketEvents(), "t-1", "not avro".getBytes(StandardCharsets.UTF_8));
        desk.events("{\"id\":\"e-1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:00:00Z\",\"ticketId\":\"t-2\",\"channel\":\"email\"}");

        List<TestRecord<String, byte[]>> dead = desk.deadLetters();
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.REASON)).containsExactly("undecodable");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
        assertThat(desk.conversation("ticket:t-2")).isNotNull();
    }

    /** Found by fuzzing: decoding allocated the length at once, and the OutOfMemoryError stopped processing. */
    @Test
    void shouldSendARecordWithALengthFarLargerThanItselfToTheDeadLetterTopicAndGoOn() throws Exception {
        byte[] valid = desk.encoded(desk.parser().parse(
                "{\"id\":\"e-1\",\"type\":\"chat.ended\",\"ts\":\"2026-11-02T09:00:00Z\",\"chatId\":\"c-1\"}"));
        byte[] hostile = java.util.Arrays.copyOf(valid, 11);
        System.arraycopy(java.util.HexFormat.of().parseHex("feffffb70f08"), 0, hostile, 5, 6);
        desk.rawBytes(TopologyFixture.TOPICS.chatEvents(), "c-1", hostile);
        desk.events("{\"id\":\"e-2\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:00:00Z\",\"ticketId\":\"t-2\",\"channel\":\"email\"}");

        assertThat(desk.deadLetters()).extracting(r -> header(r.headers(), DeadLetterHeaders.REASON)).containsExactly("undecodable");
        assertThat(desk.conversation("ticket:t-2")).isNotNull();
    }

    @Test
    void shouldCountDeadLettersByReasonWhoeverRefusedThem() throws Exception {
        desk.refusedAtIngest("{\"id\":\"bad-2\",\"type\":\"ticket.deleted\"}", "unknown type");
        desk.events("{\"id\":\"bad-5\",\"type\":\"chat.accepted\",\"ts\":\"2026-11-02T10:00:00Z\",\"chatId\":\"ch-never\",\"agentId\":\"a-1\"}",
                "{\"id\":\"bad-9\",\"type\":\"call.answered\",\"ts\":\"2026-11-02T10:00:00Z\",\"callId\":\"cl-never\",\"agentId\":\"a-1\"}");

        assertThat(desk.deadLetterCounts()).isEqualTo(Map.of("unknown type", 1L, "unknown conversation", 2L));
    }

    @Test
    void shouldForgetAConversationOnceItsLastEventIsOlderThanTheRetention() throws Exception {
        desk.events("{\"id\":\"e-1\",\"type\":\"ticket.created\",\"ts\":\"2025-09-01T09:00:00Z\",\"ticketId\":\"t-old\",\"channel\":\"email\"}",
                "{\"id\":\"e-2\",\"type\":\"ticket.created\",\"ts\":\"2026-09-01T09:00:00Z\",\"ticketId\":\"t-recent\",\"channel\":\"email\"}",
                "{\"id\":\"e-3\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:00:00Z\",\"ticketId\":\"t-new\",\"channel\":\"email\"}");
        desk.advanceWallClock(java.time.Duration.ofMinutes(10));

        assertThat(desk.conversation("ticket:t-old")).as("last event 427 days before stream time").isNull();
        assertThat(desk.conversation("ticket:t-recent")).isNotNull();
        assertThat(desk.conversation("ticket:t-new")).isNotNull();
    }
}
