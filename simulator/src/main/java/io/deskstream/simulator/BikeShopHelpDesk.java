package io.deskstream.simulator;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The configuration of a bike shop's help desk, in the canonical JSON of events.md: five departments with their
 * agents, time zones, working hours and SLAs, and routing rules like the spec's example; or the same shop grown or
 * shrunk to another {@link DeskSize}, for measuring how the cost grows with a help desk's size.
 */
public final class BikeShopHelpDesk {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEEKDAYS_9_TO_17 = """
            {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
             "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]}""";

    private static final String DEPARTMENTS = """
            [
             {"id": "sales", "name": "Sales", "agents": ["anna", "bruno", "carla"], "toSolveEnabled": true,
              "timezone": "Europe/Prague", "workingHours": %1$s, "sla": {"firstResponseSeconds": 14400},
              "emails": ["sales@bikes-shop.com"]},
             {"id": "support", "name": "Technical support", "agents": ["dana", "emil", "filip", "greta"],
              "toSolveEnabled": true, "timezone": "Europe/Prague",
              "workingHours": {"mon": [["08:00", "12:00"], ["13:00", "20:00"]], "tue": [["08:00", "12:00"], ["13:00", "20:00"]],
                               "wed": [["08:00", "12:00"], ["13:00", "20:00"]], "thu": [["08:00", "12:00"], ["13:00", "20:00"]],
                               "fri": [["08:00", "12:00"], ["13:00", "20:00"]], "sat": [["10:00", "14:00"]]},
              "sla": {"firstResponseSeconds": 7200}, "emails": ["help@bikes-shop.com"]},
             {"id": "billing", "name": "Billing", "agents": ["hana", "ivan"], "toSolveEnabled": true,
              "timezone": "Europe/Rome", "workingHours": %1$s, "sla": {"firstResponseSeconds": 28800},
              "emails": ["billing@bikes-shop.com"]},
             {"id": "marketing", "name": "Marketing", "agents": ["jana", "karel"], "toSolveEnabled": false,
              "timezone": "Europe/Prague"},
             {"id": "vip", "name": "VIP", "agents": ["lucie"], "toSolveEnabled": true, "timezone": "Europe/London",
              "sla": {"firstResponseSeconds": 1800}}
            ]""".formatted(WEEKDAYS_9_TO_17);

    private static final String RULES = """
            [
             {"id": "vip-customers", "name": "VIP customers", "notes": "VIP customers get their own agent.",
              "active": true, "order": 1,
              "conditionGroups": [{"conditions": [{"field": "customer.type", "op": "is", "value": "vip"}]}],
              "actions": [{"type": "transfer", "departmentId": "vip"}, {"type": "assign", "agentId": "lucie"},
                          {"type": "addTags", "tags": ["vip"]}],
              "stopProcessing": true},
             {"id": "social-to-marketing", "name": "Ticket routing Marketing",
              "notes": "Routes all social media tickets to the marketing department.", "active": true, "order": 10,
              "conditionGroups": [{"conditions": [{"field": "channel", "op": "in", "value": ["facebook", "twitter", "instagram", "viber"]}]}],
              "actions": [{"type": "transfer", "departmentId": "marketing"}, {"type": "assign", "agentId": null},
                          {"type": "addTags", "tags": ["social"]}]},
             {"id": "money-to-billing", "name": "Invoices, refunds and payments", "active": true, "order": 20,
              "conditionGroups": [{"conditions": [{"field": "subject", "op": "matches", "value": "invoice|refund|payment"}]},
                                  {"conditions": [{"field": "tags", "op": "is", "value": "billing"}]}],
              "actions": [{"type": "transfer", "departmentId": "billing"}]},
             {"id": "dealers-to-sales", "name": "Dealers", "active": true, "order": 30,
              "conditionGroups": [{"conditions": [{"field": "customer.emailDomain", "op": "in", "value": ["cyclepartners.com", "velo-dealer.de"]},
                                                  {"field": "channel", "op": "isNot", "value": "call"}]}],
              "actions": [{"type": "transfer", "departmentId": "sales"}, {"type": "addTags", "tags": ["dealer"]}]},
             {"id": "defects-to-support", "name": "Defects", "active": true, "order": 40,
              "conditionGroups": [{"conditions": [{"field": "subject", "op": "contains", "value": "broken"}]},
                                  {"conditions": [{"field": "subject", "op": "startsWith", "value": "cannot"}]}],
              "actions": [{"type": "transfer", "departmentId": "support"}, {"type": "addTags", "tags": ["defect"]}]},
             {"id": "urgent", "name": "Urgent", "active": true, "order": 50,
              "conditionGroups": [{"conditions": [{"field": "subject", "op": "startsWith", "value": "urgent"}]}],
              "actions": [{"type": "addTags", "tags": ["priority"]}]},
             {"id": "unrouted-to-support", "name": "Fallback", "active": true, "order": 90,
              "conditionGroups": [{"conditions": [{"field": "departmentId", "op": "notExists"}]}],
              "actions": [{"type": "transfer", "departmentId": "support"}]}
            ]""";

    /** The departments the shop's mailboxes, chat buttons and phone numbers belong to. */
    private static final List<String> PRESETS = List.of("sales", "support", "billing");

    private final List<ObjectNode> departments;
    private final List<ObjectNode> rules;
    private final List<String> presets;

    /** The bike shop itself. */
    public BikeShopHelpDesk() {
        this(DeskSize.BIKE_SHOP);
    }

    /** The bike shop grown or shrunk to {@code size}. */
    public BikeShopHelpDesk(DeskSize size) {
        SizedDesk sized = new SizedDesk(parse(DEPARTMENTS), parse(RULES), PRESETS, size);
        this.departments = List.copyOf(sized.departments());
        this.rules = List.copyOf(sized.rules());
        this.presets = sized.presets();
    }

    /** Canonical department JSON, one object per department. */
    public List<ObjectNode> departments() {
        return departments.stream().map(ObjectNode::deepCopy).toList();
    }

    /** Canonical rule JSON, one object per rule. */
    public List<ObjectNode> routingRules() {
        return rules.stream().map(ObjectNode::deepCopy).toList();
    }

    /** Departments a new conversation may come preset with. */
    List<String> presets() {
        return presets;
    }

    /** Agents by department id. */
    Map<String, List<String>> agents() {
        Map<String, List<String>> agents = new java.util.LinkedHashMap<>();
        for (ObjectNode d : departments) {
            List<String> names = new ArrayList<>();
            d.path("agents").forEach(a -> names.add(a.asText()));
            agents.put(d.path("id").asText(), List.copyOf(names));
        }
        return agents;
    }

    private static List<ObjectNode> parse(String json) {
        try {
            List<ObjectNode> objects = new ArrayList<>();
            for (JsonNode node : JSON.readTree(json)) {
                objects.add((ObjectNode) node);
            }
            return List.copyOf(objects);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
