package io.deskstream.topology.conversation;

import java.time.Instant;

import io.deskstream.schemas.events.CallEvent;
import io.deskstream.schemas.events.CallIncoming;
import io.deskstream.schemas.events.ChatEvent;
import io.deskstream.schemas.events.ChatStarted;
import io.deskstream.schemas.events.TicketCreated;
import io.deskstream.schemas.events.TicketEvent;
import io.deskstream.schemas.output.ConversationKind;
import org.apache.avro.specific.SpecificRecord;

/**
 * One event of a ticket, chat or call, seen the same way whatever its kind.
 *
 * @param body the event-type record, e.g. {@code TicketReply}
 */
public record ConversationEvent(ConversationKind kind, String conversationId, String eventId, Instant ts, Object body) {

    /** The view of a ticket, chat or call event; null for anything else (a rating). */
    public static ConversationEvent of(SpecificRecord record) {
        if (record instanceof TicketEvent t) {
            return new ConversationEvent(ConversationKind.ticket, t.getTicketId(), t.getId(), t.getTs(), t.getEvent());
        }
        if (record instanceof ChatEvent c) {
            return new ConversationEvent(ConversationKind.chat, c.getChatId(), c.getId(), c.getTs(), c.getEvent());
        }
        if (record instanceof CallEvent c) {
            return new ConversationEvent(ConversationKind.call, c.getCallId(), c.getId(), c.getTs(), c.getEvent());
        }
        return null;
    }

    /** Whether this is the conversation's first event, the one routing runs on. */
    public boolean creates() {
        return body instanceof TicketCreated || body instanceof ChatStarted || body instanceof CallIncoming;
    }

    /** The key of the conversation's state: {@code kind:id}, since a ticket and a chat may share an id. */
    public String stateKey() {
        return stateKey(kind, conversationId);
    }

    public static String stateKey(ConversationKind kind, String conversationId) {
        return kind.name() + ":" + conversationId;
    }
}
