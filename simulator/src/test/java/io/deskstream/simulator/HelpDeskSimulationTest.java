package io.deskstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.schemas.json.DepartmentJson;
import io.deskstream.schemas.json.RoutingRuleJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HelpDeskSimulationTest {

    private static final Instant MONDAY = Instant.parse("2026-11-02T00:00:00Z");
    private static final BikeShopHelpDesk DESK = new BikeShopHelpDesk();
    private static List<ObjectNode> aDay;

    @BeforeAll
    static void simulateADay() {
        aDay = new HelpDeskSimulation(42, MONDAY, 2.0, DESK).eventsUntil(MONDAY.plus(Duration.ofDays(1)));
    }

    private static Instant ts(ObjectNode event) {
        return Instant.parse(event.path("ts").asText());
    }

    @Test
    void shouldEmitEventsInTsOrder() {
        for (int i = 1; i < aDay.size(); i++) {
            assertThat(ts(aDay.get(i))).isAfterOrEqualTo(ts(aDay.get(i - 1)));
        }
    }

    @Test
    void shouldEmitTheSameEventsForTheSameSeed() {
        List<ObjectNode> again = new HelpDeskSimulation(42, MONDAY, 2.0, DESK).eventsUntil(MONDAY.plus(Duration.ofDays(1)));

        assertThat(again).isEqualTo(aDay);
    }

    @Test
    void shouldEmitTheSameEventsWhenTheEventsToComeWaitInAFile() {
        List<ObjectNode> onFile;
        try (HelpDeskSimulation noMemory = new HelpDeskSimulation(42, MONDAY, 2.0, DESK, 0)) {
            onFile = noMemory.eventsUntil(MONDAY.plus(Duration.ofDays(1)));
        }

        assertThat(onFile).isEqualTo(aDay);
    }

    @Test
    void shouldWriteEveryEventInTheCanonicalFormOfEventsMd() {
        CanonicalEventParser parser = new CanonicalEventParser(
                Clock.fixed(MONDAY.plus(Duration.ofDays(1)), ZoneOffset.UTC), CanonicalEventParser.DEFAULT_MAX_FUTURE);

        for (ObjectNode event : aDay) {
            assertThatCode(() -> parser.parse(event)).as(event.toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldOnlyReferToConversationsCreatedEarlier() {
        Set<String> created = new HashSet<>();
        for (ObjectNode event : aDay) {
            String type = event.path("type").asText();
            String conversation = type.equals("rating") ? "ticketId" : type.startsWith("ticket") ? "ticketId"
                    : type.startsWith("chat") ? "chatId" : "callId";
            String id = event.path(conversation).asText();
            if (type.equals("ticket.created") || type.equals("chat.started") || type.equals("call.incoming")) {
                assertThat(created.add(id)).as("created once: " + id).isTrue();
            } else {
                assertThat(created.contains(id)).as(event.toString()).isTrue();
            }
        }
    }

    @Test
    void shouldGiveEveryEventADistinctId() {
        Set<String> ids = new HashSet<>();
        aDay.forEach(e -> ids.add(e.path("id").asText()));

        assertThat(ids).hasSize(aDay.size());
    }

    @Test
    void shouldNotReuseIdsAcrossSeeds() {
        List<ObjectNode> other = new HelpDeskSimulation(43, MONDAY, 2.0, DESK).eventsUntil(MONDAY.plus(Duration.ofHours(12)));
        Set<String> ids = new HashSet<>();
        aDay.forEach(e -> ids.add(e.path("id").asText()));

        Set<String> shared = new HashSet<>();
        other.forEach(e -> {
            if (ids.contains(e.path("id").asText())) {
                shared.add(e.path("id").asText());
            }
        });

        assertThat(other).isNotEmpty();
        assertThat(shared).isEmpty();
    }

    @Test
    void shouldKeepTheRequestedRateOnAverageOverAWeek() {
        double rate = 3.0;
        Instant end = MONDAY.plus(Duration.ofDays(7));
        HelpDeskSimulation week = new HelpDeskSimulation(7, MONDAY, rate, DESK);
        long events = 0;
        for (Instant until = MONDAY.plus(Duration.ofHours(1)); !until.isAfter(end); until = until.plus(Duration.ofHours(1))) {
            events += week.eventsUntil(until).size();
        }

        assertThat(events / (7 * 24 * 3600.0)).isBetween(rate * 0.85, rate * 1.15);
    }

    @Test
    void shouldBeBusyInOfficeHoursAndQuietAtNight() {
        Map<Integer, Integer> byHour = new TreeMap<>();
        aDay.forEach(e -> byHour.merge(ts(e).atZone(HelpDeskSimulation.SHOP_ZONE).getHour(), 1, Integer::sum));

        assertThat(byHour.getOrDefault(10, 0)).isGreaterThan(5 * byHour.getOrDefault(3, 0));
    }

    @Test
    void shouldHandOutConsecutiveSlicesWithoutRepeatingAnEvent() {
        HelpDeskSimulation sliced = new HelpDeskSimulation(42, MONDAY, 2.0, DESK);
        List<ObjectNode> morning = sliced.eventsUntil(MONDAY.plus(Duration.ofHours(12)));
        List<ObjectNode> evening = sliced.eventsUntil(MONDAY.plus(Duration.ofDays(1)));

        assertThat(morning).isNotEmpty();
        assertThat(evening).isNotEmpty();
        assertThat(ts(evening.get(0))).isAfterOrEqualTo(MONDAY.plus(Duration.ofHours(12)));
        assertThat(morning.size() + evening.size()).isEqualTo(aDay.size());
        assertThat(sliced.simulatedUntil()).isEqualTo(MONDAY.plus(Duration.ofDays(1)));
    }

    @Test
    void shouldMixTicketsChatsCallsAndRatings() {
        Set<String> types = new HashSet<>();
        aDay.forEach(e -> types.add(e.path("type").asText()));

        assertThat(types).contains("ticket.created", "ticket.reply", "ticket.resolved", "chat.started", "chat.accepted",
                "call.incoming", "call.answered", "rating");
    }

    @Test
    void shouldConfigureDepartmentsAndRulesThatTheProductAccepts() throws Exception {
        assertThat(DESK.departments()).extracting(d -> d.path("id").asText())
                .containsExactly("sales", "support", "billing", "marketing", "vip");
        for (ObjectNode department : DESK.departments()) {
            DepartmentJson.parse(department);
        }
        for (ObjectNode rule : DESK.routingRules()) {
            RoutingRuleJson.parse(rule);
        }
    }
}
