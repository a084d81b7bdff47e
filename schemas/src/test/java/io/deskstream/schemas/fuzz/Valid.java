package io.deskstream.schemas.fuzz;

import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Valid input of every kind that events.md describes, for mutating. */
public final class Valid {

    /** One event of every type, with every field it may have. */
    public static final List<String> EVENTS = List.of(
            "{\"id\":\"e-1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T10:00:00Z\",\"ticketId\":\"t-1\",\"channel\":\"email\","
                    + "\"subject\":\"Invoice 599 is wrong\",\"departmentId\":\"billing\",\"tags\":[\"vip\",\"Invoice\"],"
                    + "\"customer\":{\"id\":\"c-7\",\"email\":\"jo@example.com\",\"type\":\"retail\",\"country\":\"CZ\",\"language\":\"cs\"}}",
            "{\"id\":\"e-2\",\"type\":\"ticket.message\",\"ts\":\"2026-11-02T10:05:00Z\",\"ticketId\":\"t-1\"}",
            "{\"id\":\"e-3\",\"type\":\"ticket.reply\",\"ts\":\"2026-11-02T11:00:00Z\",\"ticketId\":\"t-1\",\"agentId\":\"a-1\"}",
            "{\"id\":\"e-4\",\"type\":\"ticket.assigned\",\"ts\":\"2026-11-02T11:01:00Z\",\"ticketId\":\"t-1\",\"agentId\":null}",
            "{\"id\":\"e-5\",\"type\":\"ticket.transferred\",\"ts\":\"2026-11-02T11:02:00Z\",\"ticketId\":\"t-1\",\"departmentId\":\"sales\",\"agentId\":\"a-2\"}",
            "{\"id\":\"e-6\",\"type\":\"ticket.tagged\",\"ts\":\"2026-11-02T11:03:00Z\",\"ticketId\":\"t-1\",\"tags\":[\"urgent\"]}",
            "{\"id\":\"e-7\",\"type\":\"ticket.resolved\",\"ts\":\"2026-11-02T11:30:00Z\",\"ticketId\":\"t-1\",\"agentId\":\"a-1\"}",
            "{\"id\":\"e-8\",\"type\":\"chat.started\",\"ts\":\"2026-11-02T12:00:00Z\",\"chatId\":\"c-1\",\"departmentId\":\"support\","
                    + "\"customer\":{\"id\":\"c-8\",\"email\":\"al@example.com\"}}",
            "{\"id\":\"e-9\",\"type\":\"chat.accepted\",\"ts\":\"2026-11-02T12:01:00Z\",\"chatId\":\"c-1\",\"agentId\":\"a-3\"}",
            "{\"id\":\"e-10\",\"type\":\"chat.message\",\"ts\":\"2026-11-02T12:02:00Z\",\"chatId\":\"c-1\",\"from\":\"customer\"}",
            "{\"id\":\"e-11\",\"type\":\"chat.ended\",\"ts\":\"2026-11-02T12:10:00Z\",\"chatId\":\"c-1\"}",
            "{\"id\":\"e-12\",\"type\":\"call.incoming\",\"ts\":\"2026-11-02T13:00:00Z\",\"callId\":\"k-1\",\"departmentId\":\"sales\","
                    + "\"customer\":{\"country\":\"DE\"}}",
            "{\"id\":\"e-13\",\"type\":\"call.answered\",\"ts\":\"2026-11-02T13:00:30Z\",\"callId\":\"k-1\",\"agentId\":\"a-4\"}",
            "{\"id\":\"e-14\",\"type\":\"call.ended\",\"ts\":\"2026-11-02T13:05:00Z\",\"callId\":\"k-1\"}",
            "{\"id\":\"e-15\",\"type\":\"rating\",\"ts\":\"2026-11-02T15:00:00Z\",\"ticketId\":\"t-1\",\"value\":\"positive\"}");

    /** The first events of conversations, as {@code POST /api/v1/rules/test} takes them. */
    public static final List<String> FIRST_EVENTS = List.of(EVENTS.get(0), EVENTS.get(7), EVENTS.get(11));

    public static final List<String> DEPARTMENTS = List.of(
            "{\"id\":\"sales\",\"name\":\"Sales\",\"agents\":[\"a-1\",\"a-2\"],\"toSolveEnabled\":true,\"timezone\":\"Europe/Prague\","
                    + "\"workingHours\":{\"mon\":[[\"09:00\",\"17:00\"]],\"tue\":[[\"09:00\",\"12:00\"],[\"13:00\",\"24:00\"]]},"
                    + "\"sla\":{\"firstResponseSeconds\":14400},\"emails\":[\"sales@example.com\"]}",
            "{\"id\":\"support\",\"name\":\"Support\"}");

    public static final List<String> RULES = List.of(
            "{\"id\":\"social-to-marketing\",\"name\":\"Ticket routing Marketing\",\"notes\":\"Social media.\",\"active\":true,"
                    + "\"order\":10,\"conditionGroups\":[{\"conditions\":[{\"field\":\"channel\",\"op\":\"in\","
                    + "\"value\":[\"facebook\",\"twitter\"]}]},{\"conditions\":[{\"field\":\"subject\",\"op\":\"matches\","
                    + "\"value\":\"invoice|refund\"},{\"field\":\"tags\",\"op\":\"exists\"}]}],\"actions\":["
                    + "{\"type\":\"transfer\",\"departmentId\":\"marketing\"},{\"type\":\"assign\",\"agentId\":null},"
                    + "{\"type\":\"addTags\",\"tags\":[\"social\"]}],\"stopProcessing\":false}",
            "{\"id\":\"vip\",\"name\":\"VIP\",\"conditionGroups\":[{\"conditions\":[{\"field\":\"customer.type\",\"op\":\"is\","
                    + "\"value\":\"vip\"}]}],\"actions\":[{\"type\":\"assign\",\"agentId\":\"a-1\"}],\"stopProcessing\":true}");

    private Valid() {
    }

    public static ObjectNode event(Random r) {
        return Gen.object(Gen.oneOf(r, EVENTS));
    }

    public static ObjectNode department(Random r) {
        return Gen.object(Gen.oneOf(r, DEPARTMENTS));
    }

    public static ObjectNode rule(Random r) {
        return Gen.object(Gen.oneOf(r, RULES));
    }
}
