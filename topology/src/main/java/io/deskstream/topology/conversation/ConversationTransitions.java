package io.deskstream.topology.conversation;

import java.time.Instant;
import java.util.ArrayList;

import io.deskstream.schemas.events.CallAnswered;
import io.deskstream.schemas.events.CallEnded;
import io.deskstream.schemas.events.ChatAccepted;
import io.deskstream.schemas.events.ChatEnded;
import io.deskstream.schemas.events.TicketAssigned;
import io.deskstream.schemas.events.TicketMessage;
import io.deskstream.schemas.events.TicketReply;
import io.deskstream.schemas.events.TicketResolved;
import io.deskstream.schemas.events.TicketTagged;
import io.deskstream.schemas.events.TicketTransferred;
import io.deskstream.schemas.state.ConversationState;
import io.deskstream.schemas.state.Resolution;
import io.deskstream.schemas.state.TicketProgress;
import io.deskstream.schemas.state.TicketStatus;
import io.deskstream.topology.routing.TagSet;

/**
 * How each event after the first changes a conversation (metrics.md: Who and when an event counts for, Ticket
 * status, Response samples). Mutates the state it is given; the caller stores it.
 */
public final class ConversationTransitions {

    private ConversationTransitions() {
    }

    public static void apply(ConversationState state, ConversationEvent event) {
        if (event.ts().isAfter(state.getLastEventTs())) {
            state.setLastEventTs(event.ts());
        }
        Object body = event.body();
        if (body instanceof TicketMessage) {
            customerMessage(state.getTicket(), event.ts());
        } else if (body instanceof TicketReply reply) {
            agentReply(state, reply.getAgentId());
        } else if (body instanceof TicketAssigned assigned) {
            state.setAgent(assigned.getAgentId());
        } else if (body instanceof TicketTransferred transfer) {
            state.setDepartment(transfer.getDepartmentId());
            state.setAgent(transfer.getAgentId());
            if (state.getCreation() != null) {
                state.getCreation().setTransferred(true);
            }
        } else if (body instanceof TicketTagged tagged) {
            TagSet tags = new TagSet(state.getTags());
            tags.addAll(tagged.getTags());
            state.setTags(new ArrayList<>(tags.asList()));
        } else if (body instanceof TicketResolved resolved) {
            resolve(state, event.ts(), resolved.getAgentId());
        } else if (body instanceof ChatAccepted accepted) {
            state.setAgent(accepted.getAgentId());
            state.getChat().setAcceptedTs(event.ts());
        } else if (body instanceof ChatEnded) {
            state.getChat().setEnded(true);
        } else if (body instanceof CallAnswered answered) {
            state.setAgent(answered.getAgentId());
            state.getCall().setAnsweredTs(event.ts());
        } else if (body instanceof CallEnded) {
            state.getCall().setEnded(true);
        }
    }

    /** A wait starts at the first unanswered customer message; a message on an answered or resolved ticket opens it. */
    private static void customerMessage(TicketProgress ticket, Instant ts) {
        if (ticket.getWaitingSince() == null) {
            ticket.setWaitingSince(ts);
        }
        if (ticket.getStatus() == TicketStatus.answered || ticket.getStatus() == TicketStatus.resolved) {
            ticket.setStatus(TicketStatus.open);
            ticket.setResolution(null);
        }
    }

    /** A reply by an agent on an unassigned ticket assigns it; a reply on a resolved ticket leaves it resolved. */
    private static void agentReply(ConversationState state, String agentId) {
        TicketProgress ticket = state.getTicket();
        if (state.getAgent() == null) {
            state.setAgent(agentId);
        }
        ticket.setWaitingSince(null);
        ticket.setReplied(true);
        if (ticket.getStatus() != TicketStatus.resolved) {
            ticket.setStatus(TicketStatus.answered);
        }
    }

    /** Resolution ends any wait; it counts for the resolving agent, else the assigned one. */
    private static void resolve(ConversationState state, Instant ts, String resolvingAgent) {
        TicketProgress ticket = state.getTicket();
        ticket.setWaitingSince(null);
        ticket.setStatus(TicketStatus.resolved);
        ticket.setResolution(new Resolution(ts, state.getDepartment(), state.getChannel(),
                resolvingAgent != null ? resolvingAgent : state.getAgent()));
    }
}
