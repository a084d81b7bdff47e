package io.deskstream.topology.routing;

import io.deskstream.schemas.config.AssignAction;
import io.deskstream.schemas.config.RoutingRule;
import io.deskstream.schemas.config.TransferAction;
import io.deskstream.schemas.ids.Ids;

/**
 * The id rules of events.md (Ids) for the departments and agents a rule's actions name. The API refuses a rule that
 * breaks them; a rule written to the rules topic by another producer is checked again here, so that routing never
 * gives a conversation an id that ingest would refuse.
 */
final class RuleIds {

    private RuleIds() {
    }

    /** Why the rule cannot run, naming the action's field; null when its ids follow the rules. */
    static String problem(RoutingRule rule) {
        for (int i = 0; i < rule.getActions().size(); i++) {
            Object action = rule.getActions().get(i);
            String field = "actions[" + i + "].";
            if (action instanceof TransferAction t) {
                String problem = Ids.departmentProblem(t.getDepartmentId());
                if (problem != null) {
                    return Ids.refusal(field + "departmentId", t.getDepartmentId(), problem);
                }
            } else if (action instanceof AssignAction a && a.getAgentId() != null) {
                String problem = Ids.problem(a.getAgentId());
                if (problem != null) {
                    return Ids.refusal(field + "agentId", a.getAgentId(), problem);
                }
            }
        }
        return null;
    }
}
