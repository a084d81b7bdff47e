package io.deskstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.schemas.state.ConversationState;
import io.deskstream.topology.conversation.TicketStatusName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The conformance week through the topology: every conversation's department, agent, status, tags and matched rules
 * are those of {@code expected/conversations.json}, and the dead letters those of {@code expected/rejected.json}.
 */
class ConformanceRoutingTest {

    private static TopologyFixture week;

    @BeforeAll
    static void feedTheWeek() throws Exception {
        week = new TopologyFixture(Conformance.READ_AT, CanonicalEventParser.DEFAULT_MAX_FUTURE);
        Conformance.feed(week, Conformance.DIR);
    }

    @AfterAll
    static void stop() {
        week.close();
    }

    @Test
    void shouldGiveEveryConversationOfTheWeekItsExpectedRoutingAndState() throws Exception {
        assertThat(differences(week, Conformance.json("expected/conversations.json"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"reopen-and-late-rating", "routing-chat-call-sla"})
    void shouldGiveEveryConversationOfAScenarioItsExpectedRoutingAndState(String scenario) throws Exception {
        Path folder = Conformance.DIR.resolve("scenarios").resolve(scenario);
        try (TopologyFixture desk = new TopologyFixture(Conformance.READ_AT, CanonicalEventParser.DEFAULT_MAX_FUTURE)) {
            Conformance.feed(desk, folder);

            assertThat(differences(desk, Conformance.json("scenarios/" + scenario + "/expected-conversations.json"))).isEmpty();
        }
    }

    private static List<String> differences(TopologyFixture desk, JsonNode expected) {
        List<String> differences = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            ConversationState state = desk.conversation(entry.getKey());
            if (state == null) {
                differences.add(entry.getKey() + ": missing");
                continue;
            }
            JsonNode want = entry.getValue();
            compare(differences, entry.getKey(), "department", want.path("department").asText(),
                    state.getDepartment() == null ? "none" : state.getDepartment());
            compare(differences, entry.getKey(), "agent", want.path("agent").isNull() ? null : want.path("agent").asText(),
                    state.getAgent());
            compare(differences, entry.getKey(), "status", want.path("status").isNull() ? null : want.path("status").asText(),
                    state.getTicket() == null ? null : TicketStatusName.of(state.getTicket().getStatus()));
            compare(differences, entry.getKey(), "tags", strings(want.path("tags")), state.getTags());
            compare(differences, entry.getKey(), "matched", strings(want.path("matched")), state.getMatchedRules());
        }
        return differences;
    }

    @Test
    void shouldCountTheRefusedEventsOfTheWeekByReason() throws Exception {
        Map<String, Long> expected = new TreeMap<>();
        Conformance.json("expected/rejected.json").fields()
                .forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asLong()));

        assertThat(week.deadLetterCounts()).isEqualTo(expected);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static void compare(List<String> differences, String key, String what, Object want, Object got) {
        if (want == null ? got != null : !want.equals(got)) {
            differences.add(key + " " + what + ": expected " + want + ", got " + got);
        }
    }
}
