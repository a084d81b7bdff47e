package io.deskstream.schemas.json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.schemas.common.Customer;
import io.deskstream.schemas.events.CallAnswered;
import io.deskstream.schemas.events.CallEnded;
import io.deskstream.schemas.events.CallEvent;
import io.deskstream.schemas.events.CallIncoming;
import io.deskstream.schemas.events.ChatAccepted;
import io.deskstream.schemas.events.ChatEnded;
import io.deskstream.schemas.events.ChatEvent;
import io.deskstream.schemas.events.ChatMessage;
import io.deskstream.schemas.events.ChatParticipant;
import io.deskstream.schemas.events.ChatStarted;
import io.deskstream.schemas.events.RatingEvent;
import io.deskstream.schemas.events.RatingValue;
import io.deskstream.schemas.events.TicketAssigned;
import io.deskstream.schemas.events.TicketCreated;
import io.deskstream.schemas.events.TicketEvent;
import io.deskstream.schemas.events.TicketMessage;
import io.deskstream.schemas.events.TicketReply;
import io.deskstream.schemas.events.TicketResolved;
import io.deskstream.schemas.events.TicketTagged;
import io.deskstream.schemas.events.TicketTransferred;

/**
 * Maps one line of the canonical JSON form of events.md to its Avro record, or says precisely why it cannot.
 *
 * <p>Unknown extra fields are ignored so that producers can add fields before deskstream knows them. A {@code ts}
 * more than {@link #DEFAULT_MAX_FUTURE} after the parser's clock is refused: such an event would sit in a bucket
 * nobody is looking at and is nearly always a clock or unit error at the source.
 */
public final class CanonicalEventParser {

    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofHours(24);
    public static final List<String> TICKET_CHANNELS =
            List.of("email", "web", "api", "facebook", "twitter", "instagram", "viber", "whatsapp");
    public static final List<String> EVENT_TYPES = List.of(
            "ticket.created", "ticket.message", "ticket.reply", "ticket.assigned", "ticket.transferred",
            "ticket.tagged", "ticket.resolved", "chat.started", "chat.accepted", "chat.message", "chat.ended",
            "call.incoming", "call.answered", "call.ended", "rating");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Clock clock;
    private final Duration maxFuture;

    public CanonicalEventParser(Clock clock, Duration maxFuture) {
        this.clock = clock;
        this.maxFuture = maxFuture;
    }

    public CanonicalEventParser() {
        this(Clock.systemUTC(), DEFAULT_MAX_FUTURE);
    }

    /** Parses one JSON Lines line. */
    public InputEvent parse(String line) throws InvalidInputException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("unparseable", "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("unparseable", "an event must be a JSON object");
        }
        return parse((ObjectNode) node);
    }

    /** Maps an already parsed JSON object, e.g. one element of a JSON array body. */
    public InputEvent parse(ObjectNode event) throws InvalidInputException {
        FieldReader fields = new FieldReader(event);
        String id = fields.requiredId("id");
        String type = fields.requiredString("type");
        if (!EVENT_TYPES.contains(type)) {
            throw new InvalidInputException("unknown type",
                    "field 'type' has unknown event type \"" + type + "\"; known types are " + EVENT_TYPES);
        }
        Instant ts = timestamp(fields);
        return switch (type.substring(0, type.indexOf('.') < 0 ? type.length() : type.indexOf('.'))) {
            case "ticket" -> ticket(fields, type, id, ts);
            case "chat" -> chat(fields, type, id, ts);
            case "call" -> call(fields, type, id, ts);
            default -> rating(fields, id, ts);
        };
    }

    private Instant timestamp(FieldReader fields) throws InvalidInputException {
        String text = fields.requiredString("ts");
        Instant ts;
        try {
            ts = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, OffsetDateTime::from).toInstant()
                    .truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("bad ts",
                    "field 'ts' must be an ISO-8601 instant such as 2026-11-02T09:15:00Z, got \"" + text + "\"");
        }
        if (ts.isBefore(Instant.EPOCH)) {
            // A Kafka record's timestamp, the event time, cannot be before 1970: such an event could not be written.
            throw new InvalidInputException("bad ts",
                    "field 'ts' is " + text + ", before 1970-01-01T00:00:00Z, the earliest time an event may have");
        }
        Instant latest = clock.instant().plus(maxFuture);
        if (ts.isAfter(latest)) {
            throw new InvalidInputException("future ts",
                    "field 'ts' is " + text + ", more than " + maxFuture.toHours() + " hours after the time it was read");
        }
        return ts;
    }

    private static InputEvent ticket(FieldReader f, String type, String id, Instant ts) throws InvalidInputException {
        String ticketId = f.requiredId("ticketId");
        Object body = switch (type) {
            case "ticket.created" -> TicketCreated.newBuilder()
                    .setChannel(f.requiredWord("channel", TICKET_CHANNELS, "channel"))
                    .setSubject(f.optionalString("subject"))
                    .setDepartmentId(f.optionalDepartmentId("departmentId"))
                    .setCustomer(customer(f))
                    .setTags(f.optionalStrings("tags"))
                    .build();
            case "ticket.message" -> new TicketMessage();
            case "ticket.reply" -> new TicketReply(f.requiredId("agentId"));
            case "ticket.assigned" -> new TicketAssigned(f.requiredNullableId("agentId"));
            case "ticket.transferred" ->
                    new TicketTransferred(f.requiredDepartmentId("departmentId"), f.optionalId("agentId"));
            case "ticket.tagged" -> new TicketTagged(f.requiredStrings("tags"));
            case "ticket.resolved" -> new TicketResolved(f.optionalId("agentId"));
            default -> throw new IllegalStateException("unmapped ticket type " + type);
        };
        return new InputEvent(EventStream.TICKET, ticketId, id, ts, new TicketEvent(id, ts, ticketId, body));
    }

    private static InputEvent chat(FieldReader f, String type, String id, Instant ts) throws InvalidInputException {
        String chatId = f.requiredId("chatId");
        Object body = switch (type) {
            case "chat.started" -> new ChatStarted(f.optionalDepartmentId("departmentId"), customer(f));
            case "chat.accepted" -> new ChatAccepted(f.requiredId("agentId"));
            case "chat.message" -> new ChatMessage(
                    ChatParticipant.valueOf(f.requiredWord("from", List.of("customer", "agent"), "from")));
            case "chat.ended" -> new ChatEnded();
            default -> throw new IllegalStateException("unmapped chat type " + type);
        };
        return new InputEvent(EventStream.CHAT, chatId, id, ts, new ChatEvent(id, ts, chatId, body));
    }

    private static InputEvent call(FieldReader f, String type, String id, Instant ts) throws InvalidInputException {
        String callId = f.requiredId("callId");
        Object body = switch (type) {
            case "call.incoming" -> new CallIncoming(f.optionalDepartmentId("departmentId"), customer(f));
            case "call.answered" -> new CallAnswered(f.requiredId("agentId"));
            case "call.ended" -> new CallEnded();
            default -> throw new IllegalStateException("unmapped call type " + type);
        };
        return new InputEvent(EventStream.CALL, callId, id, ts, new CallEvent(id, ts, callId, body));
    }

    private static InputEvent rating(FieldReader f, String id, Instant ts) throws InvalidInputException {
        String ticketId = f.requiredId("ticketId");
        RatingValue value = RatingValue.valueOf(f.requiredWord("value", List.of("positive", "negative"), "rating"));
        return new InputEvent(EventStream.RATING, ticketId, id, ts, new RatingEvent(id, ts, ticketId, value));
    }

    private static Customer customer(FieldReader event) throws InvalidInputException {
        FieldReader c = event.optionalObject("customer");
        if (c == null) {
            return null;
        }
        return new Customer(c.optionalString("id"), c.optionalString("email"), c.optionalString("type"),
                c.optionalString("country"), c.optionalString("language"));
    }
}
