package io.deskstream.topology.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import io.deskstream.schemas.config.AddTagsAction;
import io.deskstream.schemas.config.AssignAction;
import io.deskstream.schemas.config.ConditionGroup;
import io.deskstream.schemas.config.RoutingRule;
import io.deskstream.schemas.config.TransferAction;

/**
 * The routing rules engine (events.md, Routing rules): active rules in ascending {@code order}, ties by ascending id;
 * a rule matches when any condition group matches, a group when all its conditions do, a rule without groups always;
 * a match applies its actions in order, seen by the rules after it; {@code stopProcessing} ends routing.
 *
 * <p>Immutable and pure: the same rules and facts always give the same outcome.
 */
public final class RoutingRules {

    private record CompiledRule(String id, List<List<RuleCondition>> groups, List<Object> actions, boolean stop) {
    }

    private final List<CompiledRule> rules;

    private RoutingRules(List<CompiledRule> rules) {
        this.rules = rules;
    }

    public static RoutingRules none() {
        return new RoutingRules(List.of());
    }

    /**
     * Compiles the active rules.
     *
     * @throws IllegalArgumentException naming the rule and field when a rule cannot run
     */
    public static RoutingRules of(Collection<RoutingRule> rules) {
        List<CompiledRule> compiled = new ArrayList<>();
        rules.stream()
                .filter(RoutingRule::getActive)
                .sorted(Comparator.comparingInt(RoutingRule::getOrder).thenComparing(RoutingRule::getId))
                .forEach(rule -> compiled.add(compile(rule)));
        return new RoutingRules(List.copyOf(compiled));
    }

    private static CompiledRule compile(RoutingRule rule) {
        List<List<RuleCondition>> groups = new ArrayList<>();
        try {
            for (ConditionGroup group : rule.getConditionGroups()) {
                groups.add(group.getConditions().stream().map(RuleCondition::compile).toList());
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("rule " + rule.getId() + ": " + e.getMessage(), e);
        }
        String invalidId = RuleIds.problem(rule);
        if (invalidId != null) {
            throw new IllegalArgumentException("rule " + rule.getId() + ": " + invalidId);
        }
        return new CompiledRule(rule.getId(), List.copyOf(groups), List.copyOf(rule.getActions()), rule.getStopProcessing());
    }

    /** Routes a conversation from its first event. */
    public RoutingOutcome route(ConversationFacts facts) {
        String department = facts.departmentId();
        String agent = null;
        TagSet tags = new TagSet(facts.tags());
        List<String> matched = new ArrayList<>();
        for (CompiledRule rule : rules) {
            if (!matches(rule, facts, department, tags)) {
                continue;
            }
            matched.add(rule.id());
            for (Object action : rule.actions()) {
                if (action instanceof TransferAction transfer) {
                    department = transfer.getDepartmentId();
                } else if (action instanceof AssignAction assign) {
                    agent = assign.getAgentId();
                } else if (action instanceof AddTagsAction add) {
                    tags.addAll(add.getTags());
                }
            }
            if (rule.stop()) {
                break;
            }
        }
        return new RoutingOutcome(department, agent, tags.asList(), matched);
    }

    private static boolean matches(CompiledRule rule, ConversationFacts facts, String department, TagSet tags) {
        if (rule.groups().isEmpty()) {
            return true;
        }
        for (List<RuleCondition> group : rule.groups()) {
            if (group.stream().allMatch(c -> c.holds(facts, department, tags))) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return rules.size();
    }
}
