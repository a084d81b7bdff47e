package io.deskstream.topology.conversation;

import java.util.ArrayList;
import java.util.List;

import io.deskstream.schemas.events.CallIncoming;
import io.deskstream.schemas.events.ChatStarted;
import io.deskstream.schemas.events.TicketCreated;
import io.deskstream.schemas.state.CallProgress;
import io.deskstream.schemas.state.ChatProgress;
import io.deskstream.schemas.common.Customer;
import io.deskstream.schemas.state.ConversationState;
import io.deskstream.schemas.state.CreationFacts;
import io.deskstream.schemas.state.TicketProgress;
import io.deskstream.schemas.state.TicketStatus;
import io.deskstream.topology.routing.ConversationFacts;
import io.deskstream.topology.routing.RoutingOutcome;

/** Starts a conversation from its first event: routes it and gives its first state. */
public final class ConversationRouting {

    private ConversationRouting() {
    }

    /** What rules can see of a creating event. */
    public static ConversationFacts facts(Object creatingBody) {
        if (creatingBody instanceof TicketCreated t) {
            return new ConversationFacts(t.getChannel(), t.getSubject(), t.getDepartmentId(), t.getCustomer(), t.getTags());
        }
        if (creatingBody instanceof ChatStarted c) {
            return new ConversationFacts("chat", null, c.getDepartmentId(), c.getCustomer(), List.of());
        }
        if (creatingBody instanceof CallIncoming c) {
            return new ConversationFacts("call", null, c.getDepartmentId(), c.getCustomer(), List.of());
        }
        throw new IllegalArgumentException("not a creating event: " + creatingBody);
    }

    /**
     * What rules saw of a conversation when it was created, as its state kept it; null for a conversation created
     * before its state kept them.
     */
    public static ConversationFacts factsAtCreation(ConversationState state) {
        CreationFacts kept = state.getCreation();
        if (kept == null) {
            return null;
        }
        return new ConversationFacts(state.getChannel(), kept.getSubject(), kept.getPresetDepartment(),
                kept.getCustomer(), kept.getTags());
    }

    private static CreationFacts creation(ConversationFacts facts, RoutingOutcome outcome) {
        // A copy: the event's customer record belongs to the event.
        Customer customer = facts.customer() == null ? null : Customer.newBuilder(facts.customer()).build();
        return new CreationFacts(facts.subject(), facts.departmentId(), customer, new ArrayList<>(facts.tags()),
                outcome.department(), false);
    }

    /** The state of a conversation just created by {@code event} and routed to {@code outcome}. */
    public static ConversationState start(ConversationEvent event, ConversationFacts facts, RoutingOutcome outcome) {
        ConversationState.Builder state = ConversationState.newBuilder()
                .setKind(event.kind())
                .setId(event.conversationId())
                .setChannel(facts.channel())
                .setDepartment(outcome.department())
                .setAgent(outcome.agent())
                .setTags(new ArrayList<>(outcome.tags()))
                .setMatchedRules(new ArrayList<>(outcome.matchedRules()))
                .setCreation(creation(facts, outcome))
                .setCreatedTs(event.ts())
                .setLastEventTs(event.ts())
                .setSeenEvents(SeenEventIds.none());
        switch (event.kind()) {
            // A ticket waits for its first reply from the moment it is created (metrics.md, Response samples).
            case ticket -> state.setTicket(new TicketProgress(TicketStatus.new$, false, event.ts(), null, null));
            case chat -> state.setChat(new ChatProgress(null, false));
            case call -> state.setCall(new CallProgress(null, false));
        }
        return state.build();
    }
}
