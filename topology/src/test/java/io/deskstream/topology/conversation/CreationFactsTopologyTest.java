package io.deskstream.topology.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.deskstream.schemas.state.ConversationState;
import io.deskstream.schemas.state.CreationFacts;
import io.deskstream.topology.TopologyFixture;
import io.deskstream.topology.routing.ConversationFacts;
import io.deskstream.topology.routing.RoutingOutcome;
import io.deskstream.topology.routing.RoutingRules;
import io.deskstream.schemas.json.RoutingRuleJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A conversation's state keeps what routing saw and decided when it was created, so that a draft of the rules can
 * route it again later (the rules what-if): the creating event's facts before routing, the department routing gave,
 * and whether a transfer has moved it since.
 */
class CreationFactsTopologyTest {

    private TopologyFixture desk;

    @BeforeEach
    void start() throws Exception {
        desk = new TopologyFixture(Instant.parse("2026-11-20T00:00:00Z"));
        desk.department("""
                {"id": "support", "name": "Support"}""");
        desk.rule("""
                {"id": "social", "name": "Social", "active": true, "order": 1,
                 "conditionGroups": [{"conditions": [{"field": "channel", "op": "is", "value": "facebook"}]}],
                 "actions": [{"type": "transfer", "departmentId": "marketing"}, {"type": "addTags", "tags": ["social"]}]}""");
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    @Test
    void aTicketKeepsTheFactsOfItsCreatingEventBeforeRoutingAndTheDepartmentRoutingGave() throws Exception {
        desk.eventLines("""
                {"id": "1", "type": "ticket.created", "ts": "2026-11-02T09:00:00Z", "ticketId": "t", "channel": "facebook", "subject": "Hello", "departmentId": "support", "tags": ["urgent"], "customer": {"id": "c-1", "email": "ann@shop.com", "type": "VIP", "country": "LT", "language": "lt"}}
                """);

        ConversationState state = desk.conversation("ticket:t");
        CreationFacts kept = state.getCreation();
        assertThat(kept.getSubject()).isEqualTo("Hello");
        assertThat(kept.getPresetDepartment()).isEqualTo("support");
        assertThat(kept.getTags()).containsExactly("urgent");
        assertThat(kept.getCustomer().getEmail()).isEqualTo("ann@shop.com");
        assertThat(kept.getCustomer().getType()).isEqualTo("VIP");
        assertThat(kept.getRoutedDepartment()).isEqualTo("marketing");
        assertThat(kept.getTransferred()).isFalse();
        assertThat(state.getTags()).as("the tags after routing are the state's own").containsExactly("urgent", "social");
        assertThat(state.getCreatedTs()).isEqualTo(Instant.parse("2026-11-02T09:00:00Z"));
    }

    @Test
    void theKeptFactsRouteAsTheCreatingEventDid() throws Exception {
        desk.eventLines("""
                {"id": "1", "type": "ticket.created", "ts": "2026-11-02T09:00:00Z", "ticketId": "t", "channel": "facebook", "subject": "Invoice 7", "tags": ["billing"], "customer": {"email": "bob@partner-shop.com"}}
                """);

        ConversationFacts facts = ConversationRouting.factsAtCreation(desk.conversation("ticket:t"));
        RoutingRules draft = RoutingRules.of(List.of(RoutingRuleJson.parse((ObjectNode) new ObjectMapper().readTree("""
                {"id": "by-domain", "name": "Partners", "active": true, "order": 1,
                 "conditionGroups": [{"conditions": [{"field": "customer.emailDomain", "op": "is", "value": "partner-shop.com"},
                                                     {"field": "channel", "op": "is", "value": "facebook"},
                                                     {"field": "subject", "op": "startsWith", "value": "invoice"},
                                                     {"field": "tags", "op": "is", "value": "billing"}]}],
                 "actions": [{"type": "transfer", "departmentId": "partners"}]}"""))));
        RoutingOutcome outcome = draft.route(facts);
        assertThat(outcome.department()).isEqualTo("partners");
        assertThat(outcome.matchedRules()).containsExactly("by-domain");
    }

    @Test
    void aChatKeepsItsCustomerAndPresetDepartment() throws Exception {
        desk.eventLines("""
                {"id": "1", "type": "chat.started", "ts": "2026-11-02T09:00:00Z", "chatId": "ch", "departmentId": "support", "customer": {"language": "de"}}
                """);

        ConversationFacts facts = ConversationRouting.factsAtCreation(desk.conversation("chat:ch"));
        assertThat(facts.channel()).isEqualTo("chat");
        assertThat(facts.departmentId()).isEqualTo("support");
        assertThat(facts.customer().getLanguage()).isEqualTo("de");
    }

    @Test
    void aTransferMarksTheConversationAsNoLongerWhereRoutingPutIt() throws Exception {
        desk.eventLines("""
                {"id": "1", "type": "ticket.created", "ts": "2026-11-02T09:00:00Z", "ticketId": "t", "channel": "facebook"}
                {"id": "2", "type": "ticket.transferred", "ts": "2026-11-02T10:00:00Z", "ticketId": "t", "departmentId": "support"}
                """);

        CreationFacts kept = desk.conversation("ticket:t").getCreation();
        assertThat(kept.getRoutedDepartment()).isEqualTo("marketing");
        assertThat(kept.getTransferred()).isTrue();
        assertThat(desk.conversation("ticket:t").getDepartment()).isEqualTo("support");
    }

    @Test
    void aConversationWhoseStateHasNoCreationFactsHasNoFactsToRouteAgain() throws Exception {
        desk.eventLines("""
                {"id": "1", "type": "ticket.created", "ts": "2026-11-02T09:00:00Z", "ticketId": "t", "channel": "email"}
                """);
        ConversationState olderState = ConversationState.newBuilder(desk.conversation("ticket:t")).setCreation(null).build();

        assertThat(ConversationRouting.factsAtCreation(olderState)).isNull();
    }
}
