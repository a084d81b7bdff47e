package io.deskstream.topology.conversation;

import io.deskstream.schemas.events.CallAnswered;
import io.deskstream.schemas.events.CallEvent;
import io.deskstream.schemas.events.CallIncoming;
import io.deskstream.schemas.events.ChatAccepted;
import io.deskstream.schemas.events.ChatEvent;
import io.deskstream.schemas.events.ChatStarted;
import io.deskstream.schemas.events.RatingEvent;
import io.deskstream.schemas.events.TicketAssigned;
import io.deskstream.schemas.events.TicketCreated;
import io.deskstream.schemas.events.TicketEvent;
import io.deskstream.schemas.events.TicketReply;
import io.deskstream.schemas.events.TicketResolved;
import io.deskstream.schemas.events.TicketTransferred;
import io.deskstream.schemas.ids.Ids;
import org.apache.avro.specific.SpecificRecord;

/**
 * The id rules of events.md (Ids) for records as they arrive on the input topics. Ingest refuses ids that break
 * them, but any producer may write to the topics: the same ids are refused here, with the same reason and message,
 * before anything is counted or routed.
 */
final class EventIds {

    /** The dead-letter reason, the same as ingest's. */
    static final String REASON = Ids.INVALID;

    private EventIds() {
    }

    /** Why the event cannot be taken, naming the field; null when every id in it follows the rules. */
    static String problem(SpecificRecord event) {
        if (event instanceof TicketEvent t) {
            return first(id("id", t.getId()), id("ticketId", t.getTicketId()), body(t.getEvent()));
        }
        if (event instanceof ChatEvent c) {
            return first(id("id", c.getId()), id("chatId", c.getChatId()), body(c.getEvent()));
        }
        if (event instanceof CallEvent c) {
            return first(id("id", c.getId()), id("callId", c.getCallId()), body(c.getEvent()));
        }
        if (event instanceof RatingEvent r) {
            return first(id("id", r.getId()), id("ticketId", r.getTicketId()), null);
        }
        return null;
    }

    private static String body(Object body) {
        if (body instanceof TicketCreated b) {
            return department("departmentId", b.getDepartmentId());
        }
        if (body instanceof TicketReply b) {
            return id("agentId", b.getAgentId());
        }
        if (body instanceof TicketAssigned b) {
            return id("agentId", b.getAgentId());
        }
        if (body instanceof TicketTransferred b) {
            return first(department("departmentId", b.getDepartmentId()), id("agentId", b.getAgentId()), null);
        }
        if (body instanceof TicketResolved b) {
            return id("agentId", b.getAgentId());
        }
        if (body instanceof ChatStarted b) {
            return department("departmentId", b.getDepartmentId());
        }
        if (body instanceof ChatAccepted b) {
            return id("agentId", b.getAgentId());
        }
        if (body instanceof CallIncoming b) {
            return department("departmentId", b.getDepartmentId());
        }
        if (body instanceof CallAnswered b) {
            return id("agentId", b.getAgentId());
        }
        return null;
    }

    /** A null id is absent: whether it may be is the schema's business, not this check's. */
    private static String id(String field, CharSequence value) {
        return value == null ? null : refusal(field, value.toString(), Ids.problem(value.toString()));
    }

    private static String department(String field, CharSequence value) {
        return value == null ? null : refusal(field, value.toString(), Ids.departmentProblem(value.toString()));
    }

    private static String refusal(String field, String value, String problem) {
        return problem == null ? null : Ids.refusal(field, value, problem);
    }

    private static String first(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }
}
