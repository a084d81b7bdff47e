package io.deskstream.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The events of one simulated conversation as they are written, in ts order, each with a fresh event id. */
final class EventLog {

    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final List<ObjectNode> events = new ArrayList<>();
    private final IdSource ids;
    private final String idField;
    private final String conversationId;
    private Instant last;

    EventLog(IdSource ids, String idField, String conversationId) {
        this.ids = ids;
        this.idField = idField;
        this.conversationId = conversationId;
    }

    /** Adds an event; a ts before the last one is moved to it, so the log stays in order. */
    ObjectNode add(String type, Instant ts) {
        Instant at = last != null && ts.isBefore(last) ? last : ts;
        last = at;
        ObjectNode event = JsonNodeFactory.instance.objectNode()
                .put("id", ids.nextEventId())
                .put("type", type)
                .put("ts", TS.format(at));
        event.put(idField, conversationId);
        events.add(event);
        return event;
    }

    Instant last() {
        return last;
    }

    List<ObjectNode> events() {
        return events;
    }
}
