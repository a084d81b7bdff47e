package io.deskstream.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.schemas.config.TransferAction;
import io.deskstream.schemas.events.TicketCreated;
import io.deskstream.schemas.events.TicketEvent;
import org.junit.jupiter.api.Test;

/**
 * The id rules of events.md (Ids) at ingest, with the ids an attacker would send: every id is 1 to 256 characters,
 * without control characters and not only whitespace; a department id is at most 64 characters and fits a folder
 * name. Anything else about an id is the sender's business: path-like ids are kept exactly as sent.
 */
class IdFieldsParsingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CanonicalEventParser parser = new CanonicalEventParser(
            Clock.fixed(Instant.parse("2026-11-09T00:00:00Z"), ZoneOffset.UTC), CanonicalEventParser.DEFAULT_MAX_FUTURE);

    private static String created(String ticketId, String departmentId) throws Exception {
        ObjectNode event = JSON.createObjectNode().put("id", "e-1").put("type", "ticket.created")
                .put("ts", "2026-11-02T10:00:00Z").put("ticketId", ticketId).put("channel", "email");
        if (departmentId != null) {
            event.put("departmentId", departmentId);
        }
        return JSON.writeValueAsString(event);
    }

    private static String event(String type, String... fields) throws Exception {
        ObjectNode event = JSON.createObjectNode().put("type", type).put("ts", "2026-11-02T10:00:00Z");
        for (int i = 0; i < fields.length; i += 2) {
            event.put(fields[i], fields[i + 1]);
        }
        if (!event.has("id")) {
            event.put("id", "e-1");
        }
        return JSON.writeValueAsString(event);
    }

    @Test
    void pathLikeAndUnicodeDepartmentIdsAreAcceptedAndKeptExactly() throws Exception {
        for (String department : List.of("../x", "a/b", "%2e%2e", "..", ".", "dépt-ü-日本", "../../../somewhere",
                "C:\\x", "NULL", "=HYPERLINK(\"http://x\")", "d".repeat(64))) {
            InputEvent event = parser.parse(created("t-1", department));
            assertThat(((TicketCreated) ((TicketEvent) event.value()).getEvent()).getDepartmentId())
                    .as(department).isEqualTo(department);
        }
    }

    @Test
    void idsOfUpTo256CharactersAreAccepted() throws Exception {
        String longest = "t".repeat(256);
        InputEvent event = parser.parse(event("ticket.reply", "id", longest, "ticketId", longest, "agentId", longest));
        assertThat(event.key()).isEqualTo(longest);
        assertThat(event.id()).isEqualTo(longest);
        String emoji = "😀".repeat(256);
        assertThat(parser.parse(event("ticket.message", "ticketId", emoji)).key()).as("256 characters, 512 chars")
                .isEqualTo(emoji);
    }

    @Test
    void aControlCharacterInAnyIdIsRefusedNamingTheField() {
        assertInvalid(() -> created("t\u0000x", null), "'ticketId'", "U+0000");
        assertInvalid(() -> created("t-1", "sales\u0000"), "'departmentId'", "U+0000");
        assertInvalid(() -> event("ticket.reply", "ticketId", "t-1", "agentId", "a\nb"), "'agentId'", "U+000A");
        assertInvalid(() -> event("chat.ended", "chatId", "c\u007f"), "'chatId'", "U+007F");
        assertInvalid(() -> event("call.ended", "callId", "c\u0085"), "'callId'", "U+0085");
        assertInvalid(() -> event("ticket.message", "id", "e\u001b[31m", "ticketId", "t-1"), "'id'", "U+001B");
        assertInvalid(() -> event("rating", "ticketId", "t\u009f", "value", "positive"), "'ticketId'", "U+009F");
    }

    @Test
    void anIdLongerThan256CharactersIsRefused() {
        assertInvalid(() -> created("t".repeat(1_000), null), "'ticketId'", "1000 characters");
        assertInvalid(() -> event("ticket.message", "id", "e".repeat(257), "ticketId", "t-1"), "'id'", "257 characters");
    }

    @Test
    void aDepartmentIdLongerThan64CharactersOrTooLongForAFolderNameIsRefused() {
        assertInvalid(() -> created("t-1", "d".repeat(65)), "'departmentId'", "65 characters");
        assertInvalid(() -> event("ticket.transferred", "ticketId", "t-1", "departmentId", "d".repeat(1_000)),
                "'departmentId'", "1000 characters");
        // 61 characters, but 244 bytes of UTF-8 in the export's folder name
        assertInvalid(() -> created("t-1", "😀".repeat(61)), "'departmentId'", "244 bytes");
        // 64 characters, each escaped as %2F: 192 bytes, accepted
        assertThat(catchInvalid(() -> created("t-1", "/".repeat(64)))).isNull();
    }

    @Test
    void anEmptyOrBlankIdIsRefused() {
        assertInvalid(() -> created("", null), "'ticketId'", "empty");
        assertInvalid(() -> event("chat.accepted", "chatId", "c-1", "agentId", " \t "), "'agentId'", "U+0009");
        assertInvalid(() -> event("chat.accepted", "chatId", "c-1", "agentId", "   "), "'agentId'", "only whitespace");
        assertInvalid(() -> created("t-1", "\u00a0\u2003"), "'departmentId'", "only whitespace");
    }

    @Test
    void anUnpairedSurrogateIsRefused() {
        assertInvalid(() -> "{\"id\":\"e-1\",\"type\":\"ticket.message\",\"ts\":\"2026-11-02T10:00:00Z\",\"ticketId\":\"t\\ud800\"}",
                "'ticketId'", "unpaired surrogate");
    }

    @Test
    void theRefusalShowsTheHostileIdOnlyEscapedAndShortened() {
        InvalidInputException e = catchInvalid(() -> created("\u0000".repeat(1_000), null));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\u0000").hasSizeLessThan(300);
    }

    @Test
    void aRuleThatTransfersToAnInvalidDepartmentOrAssignsAnInvalidAgentIsRefusedNamingThePath() throws Exception {
        assertInvalidRule("{\"id\": \"r-1\", \"name\": \"n\", \"actions\": [{\"type\": \"transfer\", \"departmentId\": \"x\\u0000y\"}]}",
                "'actions[0].departmentId'");
        assertInvalidRule("{\"id\": \"r-1\", \"name\": \"n\", \"actions\": [{\"type\": \"assign\", \"agentId\": \"a\"}, "
                        + "{\"type\": \"transfer\", \"departmentId\": \"" + "d".repeat(65) + "\"}]}",
                "'actions[1].departmentId'");
        assertInvalidRule("{\"id\": \"r-1\", \"name\": \"n\", \"actions\": [{\"type\": \"assign\", \"agentId\": \"" + "a".repeat(300) + "\"}]}",
                "'actions[0].agentId'");
        assertThat(RoutingRuleJson.parse((ObjectNode) JSON.readTree(
                "{\"id\": \"r-1\", \"name\": \"n\", \"actions\": [{\"type\": \"transfer\", \"departmentId\": \"../x\"}]}"))
                .getActions()).containsExactly(new TransferAction("../x"));
    }

    @Test
    void aDepartmentsAgentsAreIds() {
        assertThatThrownBy(() -> DepartmentJson.parse((ObjectNode) JSON.readTree(
                "{\"id\": \"sales\", \"name\": \"Sales\", \"agents\": [\"a-1\", \"a\\u0000\"]}")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.reason()).isEqualTo("invalid id");
                    assertThat(e.getMessage()).contains("'agents[1]'");
                });
    }

    private interface Line {
        String text() throws Exception;
    }

    private InvalidInputException catchInvalid(Line line) {
        try {
            parser.parse(line.text());
            return null;
        } catch (InvalidInputException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void assertInvalid(Line line, String field, String why) {
        InvalidInputException e = catchInvalid(line);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.reason()).isEqualTo("invalid id");
        assertThat(e.getMessage()).contains(field).contains(why);
    }

    private static void assertInvalidRule(String json, String path) {
        assertThatThrownBy(() -> RoutingRuleJson.parse((ObjectNode) JSON.readTree(json)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.reason()).isEqualTo("invalid id");
                    assertThat(e.getMessage()).contains(path);
                });
    }
}
