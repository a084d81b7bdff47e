package io.deskstream.topology.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import io.deskstream.schemas.config.Department;
import io.deskstream.schemas.events.CallAnswered;
import io.deskstream.schemas.events.CallEnded;
import io.deskstream.schemas.events.ChatAccepted;
import io.deskstream.schemas.events.ChatEnded;
import io.deskstream.schemas.events.ChatMessage;
import io.deskstream.schemas.events.TicketMessage;
import io.deskstream.schemas.events.TicketReply;
import io.deskstream.schemas.events.TicketResolved;
import io.deskstream.schemas.events.TicketTagged;
import io.deskstream.schemas.state.ConversationState;
import io.deskstream.schemas.state.TicketProgress;
import io.deskstream.topology.conversation.ConversationEvent;
import io.deskstream.topology.routing.TagSet;

/**
 * What each event counts in the report (metrics.md, The columns): in the hour of its own ts, for the conversation's
 * department and channel as they stand at that event, and for the agent the column names. Called with the state as
 * it was before the event is applied (for a conversation's first event, as routing left it).
 */
public final class ConversationMetrics {

    private final MetricCells cells;
    private final ReportHours hours;
    private final Function<String, Department> departments;

    public ConversationMetrics(MetricCells cells, ReportHours hours, Function<String, Department> departments) {
        this.cells = cells;
        this.hours = hours;
        this.departments = departments;
    }

    /** The first event of a conversation, after routing. */
    public void created(ConversationState state, ConversationEvent event) {
        CellKey cell = cell(state, event.ts(), state.getAgent());
        switch (state.getKind()) {
            case ticket -> cells.change(cell, c -> {
                c.setTicketsCreated(c.getTicketsCreated() + 1);
                c.setIncomingMessages(c.getIncomingMessages() + 1);
                c.setTagsAdded(c.getTagsAdded() + state.getTags().size());
            });
            case chat -> cells.change(cell, c -> c.setIncomingChats(c.getIncomingChats() + 1));
            case call -> cells.change(cell, c -> c.setIncomingCalls(c.getIncomingCalls() + 1));
        }
    }

    /** A later event, with the state as it was before it. */
    public void before(ConversationState state, ConversationEvent event) {
        Instant ts = event.ts();
        Object body = event.body();
        if (body instanceof TicketMessage) {
            cells.change(cell(state, ts, state.getAgent()), c -> c.setIncomingMessages(c.getIncomingMessages() + 1));
        } else if (body instanceof TicketReply reply) {
            reply(state, ts, reply.getAgentId());
        } else if (body instanceof TicketTagged tagged) {
            int added = new TagSet(state.getTags()).addAll(tagged.getTags());
            if (added > 0) {
                cells.change(cell(state, ts, state.getAgent()), c -> c.setTagsAdded(c.getTagsAdded() + added));
            }
        } else if (body instanceof TicketResolved resolved) {
            String agent = resolved.getAgentId() != null ? resolved.getAgentId() : state.getAgent();
            cells.change(cell(state, ts, agent), c -> c.setTicketsResolved(c.getTicketsResolved() + 1));
        } else if (body instanceof ChatAccepted accepted) {
            double pickup = seconds(state.getCreatedTs(), ts);
            cells.change(cell(state, ts, accepted.getAgentId()), c -> {
                c.setChats(c.getChats() + 1);
                c.setChatPickupCount(c.getChatPickupCount() + 1);
                c.setChatPickupSecondsSum(c.getChatPickupSecondsSum() + pickup);
            });
        } else if (body instanceof ChatMessage) {
            cells.change(cell(state, ts, state.getAgent()), c -> c.setChatMessages(c.getChatMessages() + 1));
        } else if (body instanceof ChatEnded) {
            chatEnded(state, ts);
        } else if (body instanceof CallAnswered answered) {
            cells.change(cell(state, ts, answered.getAgentId()), c -> c.setCalls(c.getCalls() + 1));
        } else if (body instanceof CallEnded) {
            callEnded(state, ts);
        }
    }

    private void reply(ConversationState state, Instant ts, String agent) {
        TicketProgress ticket = state.getTicket();
        Instant waitStart = ticket.getWaitingSince();
        CellKey cell = cell(state, ts, agent);
        if (waitStart == null) {
            cells.change(cell, c -> c.setReplies(c.getReplies() + 1));
            return;
        }
        double wait = seconds(waitStart, ts);
        if (ticket.getReplied()) {
            cells.change(cell, c -> {
                c.setReplies(c.getReplies() + 1);
                c.setNextResponseCount(c.getNextResponseCount() + 1);
                c.setNextResponseSecondsSum(c.getNextResponseSecondsSum() + wait);
                c.setNextResponseSketch(ResponseSketch.add(c.getNextResponseSketch(), wait));
            });
            return;
        }
        Department department = state.getDepartment() == null ? null : departments.apply(state.getDepartment());
        double business = WorkingTime.seconds(department, waitStart, ts);
        Long sla = department == null || department.getSla() == null ? null : department.getSla().getFirstResponseSeconds();
        cells.change(cell, c -> {
            c.setReplies(c.getReplies() + 1);
            c.setFirstResponseCount(c.getFirstResponseCount() + 1);
            c.setFirstResponseSecondsSum(c.getFirstResponseSecondsSum() + wait);
            c.setFirstResponseBusinessSecondsSum(c.getFirstResponseBusinessSecondsSum() + business);
            c.setFirstResponseSketch(ResponseSketch.add(c.getFirstResponseSketch(), wait));
            if (sla != null && business <= sla) {
                c.setSlaFirstResponseMet(c.getSlaFirstResponseMet() + 1);
            } else if (sla != null) {
                c.setSlaFirstResponseBreached(c.getSlaFirstResponseBreached() + 1);
            }
        });
    }

    private void chatEnded(ConversationState state, Instant ts) {
        Instant accepted = state.getChat().getAcceptedTs();
        if (accepted == null) {
            cells.change(cell(state, ts, state.getAgent()), c -> c.setMissedChats(c.getMissedChats() + 1));
            return;
        }
        double duration = seconds(accepted, ts);
        cells.change(cell(state, ts, state.getAgent()), c -> {
            c.setFinishedChats(c.getFinishedChats() + 1);
            c.setChatDurationCount(c.getChatDurationCount() + 1);
            c.setChatDurationSecondsSum(c.getChatDurationSecondsSum() + duration);
        });
    }

    private void callEnded(ConversationState state, Instant ts) {
        Instant answered = state.getCall().getAnsweredTs();
        if (answered == null) {
            cells.change(cell(state, ts, state.getAgent()), c -> c.setMissedCalls(c.getMissedCalls() + 1));
            return;
        }
        double talk = seconds(answered, ts);
        cells.change(cell(state, ts, state.getAgent()), c -> {
            c.setFinishedCalls(c.getFinishedCalls() + 1);
            c.setCallSecondsSum(c.getCallSecondsSum() + talk);
        });
    }

    private CellKey cell(ConversationState state, Instant ts, String agent) {
        return CellKey.of(hours, ts, state.getDepartment(), state.getChannel(), agent);
    }

    /**
     * A duration closed by an event: its end minus its start, and 0 where an event that arrived out of ts order makes
     * that negative (events.md): no sum, mean or percentile may hold a negative duration.
     */
    static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis()) / 1000.0;
    }
}
