package io.deskstream.topology.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * One question to the department report (api.md, the report parameters).
 *
 * @param from        inclusive, a whole hour
 * @param to          exclusive, a whole hour
 * @param groupBy     a subset of department, channel, agent, in the order asked
 * @param departments departments to keep, empty for all (an agent's token narrows this)
 * @param channels    channels to keep, empty for all
 * @param agents      agents to keep, empty for all
 * @param sort        columns to sort by, {@code -} in front for descending
 */
public record ReportQuery(Instant from, Instant to, Granularity granularity, List<String> groupBy, ZoneId zone,
                          Set<String> departments, Set<String> channels, Set<String> agents, List<String> sort) {

    public static final List<String> DIMENSIONS = List.of("department", "channel", "agent");

    public ReportQuery {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from");
        }
        groupBy = List.copyOf(groupBy);
        departments = Set.copyOf(departments);
        channels = Set.copyOf(channels);
        agents = Set.copyOf(agents);
        sort = List.copyOf(sort);
        for (String dimension : groupBy) {
            if (!DIMENSIONS.contains(dimension)) {
                throw new IllegalArgumentException("groupBy takes department, channel and agent; got \"" + dimension + "\"");
            }
        }
    }
}
