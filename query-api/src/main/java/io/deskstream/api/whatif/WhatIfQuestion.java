package io.deskstream.api.whatif;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.api.ApiError;
import io.deskstream.schemas.config.RoutingRule;
import io.deskstream.schemas.json.InvalidInputException;
import io.deskstream.schemas.json.RoutingRuleJson;
import io.deskstream.topology.routing.RoutingRules;

/**
 * A what-if question: a draft of the whole rule set, each rule checked as {@code PUT /api/v1/rules/{id}} checks it,
 * and the range of creation times whose conversations it routes again.
 *
 * @param rules the draft, compiled as the topology compiles the live rules
 * @param from  inclusive
 * @param to    exclusive
 */
record WhatIfQuestion(RoutingRules rules, int ruleCount, Instant from, Instant to) {

    /** The range {@code from} and {@code to} may name, as the report's. */
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    /** Reads the body {@code {"rules": [...], "from": ..., "to": ...}}; 400 naming the rule and field at fault. */
    static WhatIfQuestion read(ObjectNode body) {
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("rules", "from", "to").contains(name)) {
                throw ApiError.badRequest(name + ": unknown field; a what-if names rules, from and to");
            }
        }
        Instant from = instant(body, "from");
        Instant to = instant(body, "to");
        if (!to.isAfter(from)) {
            throw ApiError.badRequest("to (" + to + ") must be after from (" + from + ")");
        }
        List<RoutingRule> draft = rules(body.get("rules"));
        RoutingRules compiled;
        try {
            compiled = RoutingRules.of(draft);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("rules: " + e.getMessage());
        }
        return new WhatIfQuestion(compiled, draft.size(), from, to);
    }

    private static List<RoutingRule> rules(JsonNode rules) {
        if (rules == null || !rules.isArray()) {
            throw ApiError.badRequest("rules: missing, or not an array of routing rules (docs/events.md)");
        }
        List<RoutingRule> draft = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            String named = "rules[" + i + "]" + (rule.hasNonNull("id") ? " (" + rule.get("id").asText() + ")" : "");
            if (!(rule instanceof ObjectNode object)) {
                throw ApiError.badRequest(named + ": must be an object");
            }
            RoutingRule parsed;
            try {
                parsed = RoutingRuleJson.parse(object);
            } catch (InvalidInputException e) {
                throw ApiError.badRequest(named + ": " + e.getMessage());
            }
            if (!ids.add(parsed.getId())) {
                throw ApiError.badRequest(named + ": id \"" + parsed.getId() + "\" is given twice; ids name one rule");
            }
            draft.add(parsed);
        }
        return draft;
    }

    private static Instant instant(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || !value.isTextual()) {
            throw ApiError.badRequest(name + " must be an ISO instant such as 2026-11-02T00:00:00Z");
        }
        Instant instant;
        try {
            instant = Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(name + " must be an ISO instant such as 2026-11-02T00:00:00Z; got \""
                    + value.asText() + "\"");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ApiError.badRequest(name + " must be from " + EARLIEST + " to " + LATEST + "; got \"" + value.asText() + "\"");
        }
        return instant;
    }
}
