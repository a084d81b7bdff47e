package io.deskstream.topology.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.deskstream.schemas.config.RoutingRule;
import io.deskstream.schemas.events.CallEvent;
import io.deskstream.schemas.events.ChatEvent;
import io.deskstream.schemas.events.TicketEvent;
import io.deskstream.schemas.fuzz.Gen;
import io.deskstream.schemas.fuzz.Property;
import io.deskstream.schemas.fuzz.Valid;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.schemas.json.InputEvent;
import io.deskstream.schemas.json.InvalidInputException;
import io.deskstream.schemas.json.RoutingRuleJson;
import io.deskstream.topology.conversation.ConversationRouting;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing routing with what the parsers let through: any rules that parse, run on any first event that parses, route
 * it — quickly, and without an exception — since routing runs in the processing, on events customers write.
 */
class RoutingFuzzTest {

    private static final CanonicalEventParser PARSER = new CanonicalEventParser(
            Clock.fixed(Instant.parse("2026-11-03T00:00:00Z"), ZoneOffset.UTC), CanonicalEventParser.DEFAULT_MAX_FUTURE);
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    private record Case(List<RoutingRule> rules, ConversationFacts facts) {
    }

    private static RoutingRule someRule(Random r) {
        for (int attempt = 0; ; attempt++) {
            try {
                return RoutingRuleJson.parse(attempt > 20 ? Valid.rule(r) : Gen.mutated(r, Valid.rule(r)));
            } catch (InvalidInputException e) {
                // Refused: try another.
            }
        }
    }

    private static ConversationFacts someFirstEvent(Random r) {
        for (int attempt = 0; ; attempt++) {
            try {
                InputEvent event = PARSER.parse(attempt > 20 ? Gen.object(Gen.oneOf(r, Valid.FIRST_EVENTS))
                        : Gen.mutated(r, Gen.object(Gen.oneOf(r, Valid.FIRST_EVENTS))));
                Object body = switch (event.stream()) {
                    case TICKET -> ((TicketEvent) event.value()).getEvent();
                    case CHAT -> ((ChatEvent) event.value()).getEvent();
                    case CALL -> ((CallEvent) event.value()).getEvent();
                    case RATING -> null;
                };
                ConversationFacts facts = body == null ? null : ConversationRouting.facts(body);
                if (facts != null) {
                    return facts;
                }
            } catch (InvalidInputException | IllegalArgumentException e) {
                // Refused, or not a first event: try another.
            }
        }
    }

    private static Case someCase(Random r) {
        List<RoutingRule> rules = new ArrayList<>();
        int count = 1 + r.nextInt(3);
        for (int i = 0; i < count; i++) {
            rules.add(someRule(r));
        }
        return new Case(rules, someFirstEvent(r));
    }

    @Test
    void anyRulesThatParseRouteAnyFirstEventThatParsesQuickly() {
        Property.forAll("routing: parsed rules on parsed first events", 300, RoutingFuzzTest::someCase, c ->
                assertThat(assertTimeoutPreemptively(QUICKLY, () -> RoutingRules.of(c.rules()).route(c.facts())))
                        .isNotNull());
    }
}
