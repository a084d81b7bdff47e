package io.deskstream.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bike shop grown or shrunk to a {@link DeskSize}. Departments beyond its five are added as {@code dept-006},
 * {@code dept-007}, ..., each shaped like one of the shop's (time zone, working hours, SLA, in turn) and preset on
 * new conversations as the shop's mailboxes, chat buttons and phone numbers are, so that conversations reach them.
 * Agents are dealt out in turn: first the shop's own, one per department at a time, then {@code agent-13},
 * {@code agent-14}, ..., to the departments with the fewest, the added ones first. At its own size the shop is
 * exactly the shop.
 */
final class SizedDesk {

    private static final String FALLBACK_RULE = "unrouted-to-support";

    private final List<ObjectNode> departments;
    private final List<ObjectNode> rules;
    private final List<String> presets;

    SizedDesk(List<ObjectNode> shopDepartments, List<ObjectNode> shopRules, List<String> shopPresets, DeskSize size) {
        List<ObjectNode> kept = new ArrayList<>();
        for (int i = 0; i < Math.min(size.departments(), shopDepartments.size()); i++) {
            kept.add(shopDepartments.get(i).deepCopy());
        }
        List<ObjectNode> added = new ArrayList<>();
        for (int number = kept.size() + 1; number <= size.departments(); number++) {
            added.add(addedDepartment(number, shopDepartments.get((number - 1) % shopDepartments.size())));
        }
        List<List<String>> agents = staff(kept, added, size.agents());
        this.departments = new ArrayList<>(kept);
        departments.addAll(added);
        for (int i = 0; i < departments.size(); i++) {
            ArrayNode array = departments.get(i).putArray("agents");
            agents.get(i).forEach(array::add);
        }
        Set<String> ids = ids(departments);
        this.rules = reachable(shopRules, ids, kept.get(0).path("id").asText());
        List<String> presets = new ArrayList<>(shopPresets.stream().filter(ids::contains).toList());
        added.forEach(d -> presets.add(d.path("id").asText()));
        if (presets.isEmpty()) {
            presets.add(kept.get(0).path("id").asText());
        }
        this.presets = List.copyOf(presets);
    }

    List<ObjectNode> departments() {
        return departments;
    }

    List<ObjectNode> rules() {
        return rules;
    }

    /** Departments a new conversation may come preset with. */
    List<String> presets() {
        return presets;
    }

    private static ObjectNode addedDepartment(int number, ObjectNode shape) {
        ObjectNode department = shape.deepCopy();
        department.put("id", "dept-%03d".formatted(number));
        department.put("name", "Department " + number);
        // A mailbox belongs to one department only.
        department.remove("emails");
        return department;
    }

    /**
     * The agents of each department, in the order of {@code kept} then {@code added}: the shop's own agents first,
     * one per kept department in turn (so that a smaller desk keeps each department's first agents), as many as leave
     * one for each added department; then new agents, so that each department has about as many.
     */
    private static List<List<String>> staff(List<ObjectNode> kept, List<ObjectNode> added, int agents) {
        List<List<String>> staff = new ArrayList<>();
        for (int i = 0; i < kept.size() + added.size(); i++) {
            staff.add(new ArrayList<>());
        }
        int own = Math.min(agents - added.size(), kept.stream().mapToInt(d -> d.path("agents").size()).sum());
        int dealt = 0;
        for (int round = 0; dealt < own; round++) {
            for (int d = 0; d < kept.size(); d++) {
                JsonNode names = kept.get(d).path("agents");
                if (round < names.size() && dealt < own) {
                    staff.get(d).add(names.get(round).asText());
                    dealt++;
                }
            }
        }
        // In rounds, one to each department with fewer than the round's number, the added departments first: so
        // that every department ends with about as many agents, the shop's own counted.
        List<Integer> turn = new ArrayList<>();
        for (int d = 0; d < staff.size(); d++) {
            turn.add((kept.size() + d) % staff.size());
        }
        for (int round = 1; dealt < agents; round++) {
            for (int d : turn) {
                if (staff.get(d).size() < round && dealt < agents) {
                    staff.get(d).add("agent-" + (++dealt));
                }
            }
        }
        return staff;
    }

    /**
     * The shop's rules that transfer only to departments the desk has; the fallback, whose department may be gone,
     * goes to the first department instead.
     */
    private static List<ObjectNode> reachable(List<ObjectNode> shopRules, Set<String> ids, String first) {
        List<ObjectNode> rules = new ArrayList<>();
        for (ObjectNode shopRule : shopRules) {
            ObjectNode rule = shopRule.deepCopy();
            boolean reachable = true;
            for (JsonNode action : rule.path("actions")) {
                if (action.path("type").asText().equals("transfer") && !ids.contains(action.path("departmentId").asText())) {
                    if (rule.path("id").asText().equals(FALLBACK_RULE)) {
                        ((ObjectNode) action).put("departmentId", first);
                    } else {
                        reachable = false;
                    }
                }
            }
            if (reachable) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private static Set<String> ids(List<ObjectNode> departments) {
        return Set.copyOf(departments.stream().map(d -> d.path("id").asText()).toList());
    }
}
