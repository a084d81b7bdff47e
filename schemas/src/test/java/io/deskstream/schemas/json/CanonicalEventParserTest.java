package io.deskstream.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.deskstream.schemas.events.ChatEvent;
import io.deskstream.schemas.events.ChatMessage;
import io.deskstream.schemas.events.ChatParticipant;
import io.deskstream.schemas.events.RatingEvent;
import io.deskstream.schemas.events.RatingValue;
import io.deskstream.schemas.events.TicketAssigned;
import io.deskstream.schemas.events.TicketCreated;
import io.deskstream.schemas.events.TicketEvent;
import io.deskstream.schemas.events.TicketTransferred;
import org.junit.jupiter.api.Test;

class CanonicalEventParserTest {

    private static final Instant READ_AT = Instant.parse("2026-11-09T00:00:00Z");
    private final CanonicalEventParser parser =
            new CanonicalEventParser(Clock.fixed(READ_AT, ZoneOffset.UTC), CanonicalEventParser.DEFAULT_MAX_FUTURE);

    @Test
    void shouldMapATicketCreatedWithEveryFieldToItsAvroRecord() throws Exception {
        InputEvent event = parser.parse("""
                {"id":"e-1","type":"ticket.created","ts":"2026-11-02T09:15:00Z","ticketId":"t-1","channel":"email",
                 "subject":"Invoice 599 is wrong","departmentId":"billing",
                 "customer":{"id":"c-1","email":"ann@bikes.test","type":"vip","country":"CZ","language":"cs"},
                 "tags":["urgent","Gold"]}""".replace("\n", ""));

        assertThat(event.stream()).isEqualTo(EventStream.TICKET);
        assertThat(event.key()).isEqualTo("t-1");
        assertThat(event.ts()).isEqualTo(Instant.parse("2026-11-02T09:15:00Z"));
        TicketEvent ticket = (TicketEvent) event.value();
        TicketCreated created = (TicketCreated) ticket.getEvent();
        assertThat(created.getChannel()).isEqualTo("email");
        assertThat(created.getSubject()).isEqualTo("Invoice 599 is wrong");
        assertThat(created.getDepartmentId()).isEqualTo("billing");
        assertThat(created.getCustomer().getType()).isEqualTo("vip");
        assertThat(created.getCustomer().getEmail()).isEqualTo("ann@bikes.test");
        assertThat(created.getTags()).containsExactly("urgent", "Gold");
    }

    @Test
    void shouldAcceptMillisecondsInTs() throws Exception {
        InputEvent event = parser.parse(
                "{\"id\":\"e-1\",\"type\":\"ticket.message\",\"ts\":\"2026-11-02T00:02:53.079Z\",\"ticketId\":\"t-1\"}");

        assertThat(event.ts()).isEqualTo(Instant.parse("2026-11-02T00:02:53.079Z"));
    }

    @Test
    void shouldReadAnOffsetTsAsTheSameInstant() throws Exception {
        InputEvent event = parser.parse(
                "{\"id\":\"e-1\",\"type\":\"ticket.message\",\"ts\":\"2026-11-02T10:15:00+01:00\",\"ticketId\":\"t-1\"}");

        assertThat(event.ts()).isEqualTo(Instant.parse("2026-11-02T09:15:00Z"));
    }

    @Test
    void shouldKeepANullAgentOfTicketAssignedAsUnassigned() throws Exception {
        InputEvent event = parser.parse(
                "{\"id\":\"e-2\",\"type\":\"ticket.assigned\",\"ts\":\"2026-11-02T09:15:00Z\",\"ticketId\":\"t-1\",\"agentId\":null}");

        assertThat(((TicketEvent) event.value()).getEvent()).isEqualTo(new TicketAssigned(null));
    }

    @Test
    void shouldLeaveTheAgentOfATransferWithoutOneUnassigned() throws Exception {
        InputEvent event = parser.parse(
                "{\"id\":\"e-3\",\"type\":\"ticket.transferred\",\"ts\":\"2026-11-02T09:15:00Z\",\"ticketId\":\"t-1\",\"departmentId\":\"sales\"}");

        assertThat(((TicketEvent) event.value()).getEvent()).isEqualTo(new TicketTransferred("sales", null));
    }

    @Test
    void shouldKeyAChatEventByItsChatId() throws Exception {
        InputEvent event = parser.parse(
                "{\"id\":\"e-4\",\"type\":\"chat.message\",\"ts\":\"2026-11-02T09:15:00Z\",\"chatId\":\"ch-1\",\"from\":\"agent\"}");

        assertThat(event.stream()).isEqualTo(EventStream.CHAT);
        assertThat(event.key()).isEqualTo("ch-1");
        assertThat(((ChatEvent) event.value()).getEvent()).isEqualTo(new ChatMessage(ChatParticipant.agent));
    }

    @Test
    void shouldKeyARatingByItsTicketId() throws Exception {
        InputEvent event = parser.parse(
                "{\"id\":\"e-5\",\"type\":\"rating\",\"ts\":\"2026-11-02T09:15:00Z\",\"ticketId\":\"t-9\",\"value\":\"positive\"}");

        assertThat(event.stream()).isEqualTo(EventStream.RATING);
        assertThat(event.key()).isEqualTo("t-9");
        assertThat(((RatingEvent) event.value()).getValue()).isEqualTo(RatingValue.positive);
    }

    @Test
    void shouldIgnoreFieldsItDoesNotKnow() throws Exception {
        InputEvent event = parser.parse(
                "{\"id\":\"e-6\",\"type\":\"call.ended\",\"ts\":\"2026-11-02T09:15:00Z\",\"callId\":\"cl-1\",\"recording\":\"x.mp3\"}");

        assertThat(event.key()).isEqualTo("cl-1");
    }

    @Test
    void shouldRejectTruncatedJsonAsUnparseable() {
        assertRejected("{\"id\":\"bad-1\",\"type\":\"ticket.created\",\"ts\":\"2026-11-03T10:00:00Z\"",
                "unparseable", "not valid JSON");
    }

    @Test
    void shouldRejectAJsonValueThatIsNotAnObjectAsUnparseable() {
        assertRejected("[1,2,3]", "unparseable", "must be a JSON object");
    }

    @Test
    void shouldRejectAnUnknownTypeNamingIt() {
        assertRejected("{\"id\":\"bad-2\",\"type\":\"ticket.deleted\",\"ts\":\"2026-11-03T10:00:00Z\",\"ticketId\":\"t-1\"}",
                "unknown type", "\"ticket.deleted\"");
    }

    @Test
    void shouldRejectAReplyWithoutTicketIdNamingTheField() {
        assertRejected("{\"id\":\"bad-3\",\"type\":\"ticket.reply\",\"ts\":\"2026-11-03T10:00:00Z\",\"agentId\":\"a-1\"}",
                "missing ticketId", "'ticketId'");
    }

    @Test
    void shouldRejectATsThatIsNotAnInstant() {
        assertRejected("{\"id\":\"bad-7\",\"type\":\"ticket.created\",\"ts\":\"not a time\",\"ticketId\":\"t-badts\",\"channel\":\"email\"}",
                "bad ts", "\"not a time\"");
    }

    @Test
    void shouldRejectATsMoreThanADayAfterItIsRead() {
        assertRejected("{\"id\":\"bad-6\",\"type\":\"ticket.created\",\"ts\":\"2031-01-01T00:00:00Z\",\"ticketId\":\"t-future\",\"channel\":\"email\"}",
                "future ts", "24 hours");
    }

    @Test
    void shouldAcceptATsLessThanADayAfterItIsRead() throws Exception {
        InputEvent event = parser.parse(
                "{\"id\":\"e-7\",\"type\":\"ticket.message\",\"ts\":\"2026-11-09T23:59:00Z\",\"ticketId\":\"t-1\"}");

        assertThat(event.ts()).isEqualTo(Instant.parse("2026-11-09T23:59:00Z"));
    }

    @Test
    void shouldRejectARatingValueOtherThanPositiveOrNegative() {
        assertRejected("{\"id\":\"bad-8\",\"type\":\"rating\",\"ts\":\"2026-11-03T10:00:00Z\",\"ticketId\":\"t-1\",\"value\":\"meh\"}",
                "bad rating", "'value'");
    }

    @Test
    void shouldRejectAChannelOutsideTheListOfEventsMd() {
        assertRejected("{\"id\":\"e-8\",\"type\":\"ticket.created\",\"ts\":\"2026-11-03T10:00:00Z\",\"ticketId\":\"t-1\",\"channel\":\"fax\"}",
                "bad channel", "\"fax\"");
    }

    @Test
    void shouldRejectAnAgentIdThatIsNotAString() {
        assertRejected("{\"id\":\"e-9\",\"type\":\"ticket.reply\",\"ts\":\"2026-11-03T10:00:00Z\",\"ticketId\":\"t-1\",\"agentId\":7}",
                "bad agentId", "must be a string");
    }

    @Test
    void shouldRejectACustomerFieldOfTheWrongTypeNamingItsPath() {
        assertRejected("{\"id\":\"e-10\",\"type\":\"chat.started\",\"ts\":\"2026-11-03T10:00:00Z\",\"chatId\":\"ch-1\",\"customer\":{\"email\":[]}}",
                "bad customer.email", "'customer.email'");
    }

    @Test
    void shouldRejectTagsThatAreNotAnArrayOfStrings() {
        assertRejected("{\"id\":\"e-11\",\"type\":\"ticket.tagged\",\"ts\":\"2026-11-03T10:00:00Z\",\"ticketId\":\"t-1\",\"tags\":\"vip\"}",
                "bad tags", "array of strings");
    }

    @Test
    void shouldRejectAnAssignmentThatDoesNotSayWhoIsAssigned() {
        assertRejected("{\"id\":\"e-12\",\"type\":\"ticket.assigned\",\"ts\":\"2026-11-03T10:00:00Z\",\"ticketId\":\"t-1\"}",
                "missing agentId", "'agentId'");
    }

    @Test
    void shouldRejectAnEventWithTheSameFieldTwice() {
        assertRejected("{\"id\":\"e-13\",\"id\":\"e-14\",\"type\":\"ticket.message\",\"ts\":\"2026-11-03T10:00:00Z\",\"ticketId\":\"t-1\"}",
                "unparseable", "Duplicate field");
    }

    /** Found by fuzzing: it was parsed, and then could not be written (a Kafka timestamp is never negative). */
    @Test
    void shouldRejectATsBefore1970() {
        assertRejected("{\"id\":\"e-15\",\"type\":\"rating\",\"ts\":\"-0001-01-01T00:00:00Z\",\"ticketId\":\"t-1\",\"value\":\"positive\"}",
                "bad ts", "before 1970");
        assertRejected("{\"id\":\"e-16\",\"type\":\"ticket.message\",\"ts\":\"1969-12-31T23:59:59.999Z\",\"ticketId\":\"t-1\"}",
                "bad ts", "before 1970");
    }

    @Test
    void shouldAcceptTheFirstMillisecondOf1970() throws Exception {
        assertThat(parser.parse("{\"id\":\"e-17\",\"type\":\"ticket.message\",\"ts\":\"1970-01-01T00:00:00Z\",\"ticketId\":\"t-1\"}")
                .ts()).isEqualTo(Instant.EPOCH);
    }

    /**
     * Found by fuzzing: a lone surrogate (JSON escape of D800 to DFFF without its pair) was taken, and written to Kafka
     * as "?", so that "t-" followed by D800 and by DFFF became the same ticket, and two event ids the same id.
     */
    @Test
    void shouldRejectTextWithALoneSurrogateNamingTheField() {
        assertRejected("{\"id\":\"e-18\",\"type\":\"ticket.message\",\"ts\":\"2026-11-03T10:00:00Z\",\"ticketId\":\"t-\\ud800\"}",
                "invalid id", "unpaired surrogate U+D800");
        assertRejected("{\"id\":\"e-19\",\"type\":\"ticket.tagged\",\"ts\":\"2026-11-03T10:00:00Z\",\"ticketId\":\"t-1\",\"tags\":[\"a\\udfffb\"]}",
                "bad tags", "lone surrogate \\uDFFF");
        assertRejected("{\"id\":\"e-20\",\"type\":\"chat.started\",\"ts\":\"2026-11-03T10:00:00Z\",\"chatId\":\"c-1\",\"customer\":{\"email\":\"\\udbff\"}}",
                "bad customer.email", "lone surrogate");
    }

    @Test
    void shouldAcceptTextWithSurrogatePairs() throws Exception {
        InputEvent event = parser.parse("{\"id\":\"e-\\ud83d\\ude00\",\"type\":\"ticket.message\",\"ts\":\"2026-11-03T10:00:00Z\",\"ticketId\":\"t-\uD83D\uDE00\"}");

        assertThat(event.id()).isEqualTo("e-\uD83D\uDE00");
        assertThat(event.key()).isEqualTo("t-\uD83D\uDE00");
    }

    private void assertRejected(String line, String reason, String messagePart) {
        assertThatThrownBy(() -> parser.parse(line))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }

}
