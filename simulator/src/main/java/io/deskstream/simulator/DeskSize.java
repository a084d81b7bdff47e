package io.deskstream.simulator;

/**
 * How large a simulated help desk is: its departments and agents. The bike shop's own size is the default; a larger
 * desk keeps the bike shop and adds departments and agents, a smaller one keeps the first of its departments and
 * agents.
 *
 * @param departments departments, at least 1
 * @param agents      agents, at least one per department
 */
public record DeskSize(int departments, int agents) {

    /** The bike shop itself: five departments, twelve agents. */
    public static final DeskSize BIKE_SHOP = new DeskSize(5, 12);
    public static final int MAX_DEPARTMENTS = 10_000;
    public static final int MAX_AGENTS = 100_000;

    public DeskSize {
        if (departments < 1 || departments > MAX_DEPARTMENTS) {
            throw new IllegalArgumentException("departments must be from 1 to %,d, got %,d"
                    .formatted(MAX_DEPARTMENTS, departments));
        }
        if (agents < 1 || agents > MAX_AGENTS) {
            throw new IllegalArgumentException("agents must be from 1 to %,d, got %,d".formatted(MAX_AGENTS, agents));
        }
        if (agents < departments) {
            // A department without agents would have its conversations answered by nobody the simulation knows.
            throw new IllegalArgumentException("every department needs an agent: agents (%,d) must be at least "
                    .formatted(agents) + "departments (%,d)".formatted(departments));
        }
    }
}
