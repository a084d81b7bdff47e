package io.deskstream.topology.routing;

import java.util.List;

/**
 * What routing decided for a conversation.
 *
 * @param department   the department, or null when routing gave none (reported as {@code none})
 * @param agent        the assigned agent, or null
 * @param tags         the conversation's tags after routing, first spellings kept
 * @param matchedRules the ids of the rules that matched, in the order they ran
 */
public record RoutingOutcome(String department, String agent, List<String> tags, List<String> matchedRules) {

    /** The department id reports use: {@code none} when routing gave none. */
    public static final String NO_DEPARTMENT = "none";

    public RoutingOutcome {
        tags = List.copyOf(tags);
        matchedRules = List.copyOf(matchedRules);
    }

    public String reportedDepartment() {
        return department == null ? NO_DEPARTMENT : department;
    }
}
