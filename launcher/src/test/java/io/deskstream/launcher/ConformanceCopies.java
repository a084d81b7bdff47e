package io.deskstream.launcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.schemas.json.InvalidInputException;
import io.deskstream.topology.Conformance;

/**
 * Load whose outcome is known: the conformance week again, whole weeks earlier, with ids of its own. Copy {@code n}
 * is the week {@code n} weeks before the original, every event and conversation id prefixed {@code wN.}: its
 * conversations go through the same rules to the same departments and end in the same statuses, in hours no report
 * of the original week covers. So with {@code n} copies sent, the original week's report is still exactly the
 * expected one, the ticket statuses are {@code n + 1} times the expected ones, and every routing decision of the week
 * is there {@code n + 1} times, once per copy.
 *
 * <p>Only the lines that make a difference are copied: those that parse, of conversations the week has. The invalid
 * lines go in once, with the original week, so the dead letters stay those expected — and a copy sent twice, as a
 * client does when its first try fails half-way, changes nothing (its events are duplicates of themselves).
 */
final class ConformanceCopies {

    private final List<ObjectNode> lines;

    private ConformanceCopies(List<ObjectNode> lines) {
        this.lines = lines;
    }

    static ConformanceCopies ofTheWeek() throws Exception {
        JsonNode conversations = Conformance.json("expected/conversations.json");
        CanonicalEventParser parser = new CanonicalEventParser();
        List<ObjectNode> kept = new ArrayList<>();
        for (String line : Files.readAllLines(Conformance.DIR.resolve("events.jsonl"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                parser.parse(line);
            } catch (InvalidInputException refused) {
                continue;
            }
            ObjectNode event = (ObjectNode) ApiClient.JSON.readTree(line);
            if (conversations.has(conversationKey(event))) {
                kept.add(event);
            }
        }
        return new ConformanceCopies(List.copyOf(kept));
    }

    /** As expected/conversations.json names them: {@code ticket:t-1}, {@code chat:ch-1}, {@code call:cl-1}. */
    private static String conversationKey(JsonNode event) {
        if (event.hasNonNull("ticketId")) {
            return "ticket:" + event.path("ticketId").asText();
        }
        if (event.hasNonNull("chatId")) {
            return "chat:" + event.path("chatId").asText();
        }
        return "call:" + event.path("callId").asText();
    }

    /** The lines of the week itself, invalid ones included: what {@link ConformanceWeek} sends. */
    static long linesOfTheWeek() throws java.io.IOException {
        return Files.readAllLines(Conformance.DIR.resolve("events.jsonl"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).count();
    }

    int eventsPerCopy() {
        return lines.size();
    }

    /** The prefix of copy {@code weeksBack}'s ids. */
    static String prefix(int weeksBack) {
        return "w" + weeksBack + ".";
    }

    /** Copy {@code weeksBack} as JSON Lines, in the week's order, in portions of at most {@code linesPerPortion}. */
    List<String> copy(int weeksBack, int linesPerPortion) {
        Duration shift = Duration.ofDays(7L * weeksBack);
        List<String> portions = new ArrayList<>();
        StringBuilder portion = new StringBuilder();
        int inPortion = 0;
        for (ObjectNode original : lines) {
            ObjectNode event = original.deepCopy();
            event.put("ts", Instant.parse(event.path("ts").asText()).minus(shift).toString());
            for (String id : List.of("id", "ticketId", "chatId", "callId")) {
                if (event.hasNonNull(id)) {
                    event.put(id, prefix(weeksBack) + event.path(id).asText());
                }
            }
            portion.append(event).append('\n');
            if (++inPortion == linesPerPortion) {
                portions.add(portion.toString());
                portion.setLength(0);
                inPortion = 0;
            }
        }
        if (inPortion > 0) {
            portions.add(portion.toString());
        }
        return portions;
    }
}
