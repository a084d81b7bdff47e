package io.deskstream.api.configuration;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.deskstream.api.ApiError;
import io.deskstream.api.ApiJson;
import io.deskstream.api.ApiRoute;
import io.deskstream.api.ApiRoute.Access;
import io.deskstream.api.auth.Caller;
import io.deskstream.api.cluster.LiveTopology;
import io.deskstream.ingest.ConfigurationWriter;
import io.deskstream.schemas.config.Department;
import io.deskstream.schemas.config.RoutingRule;
import io.deskstream.schemas.json.DepartmentJson;
import io.deskstream.schemas.json.RoutingRuleJson;
import io.deskstream.topology.StoreNames;

/**
 * Departments and routing rules (events.md): read from the global stores every instance keeps, written (admin only)
 * to their compacted topics. Agents see their own departments and no rules: rules name every department.
 */
public final class ConfigurationRoutes {

    private final ConfigurationItems<Department> departments;
    private final ConfigurationItems<RoutingRule> rules;

    public ConfigurationRoutes(LiveTopology topology, ConfigurationWriter writer) {
        departments = new ConfigurationItems<>("department", () -> topology.globalStore(StoreNames.DEPARTMENTS),
                DepartmentJson::parse, DepartmentJson::toJson, writer::put, writer::deleteDepartment);
        rules = new ConfigurationItems<>("routing rule", () -> topology.globalStore(StoreNames.ROUTING_RULES),
                RoutingRuleJson::parse, RoutingRuleJson::toJson, writer::put, writer::deleteRule);
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/departments", Access.ANY_TOKEN, "The departments (an agent sees its own)",
                        (ctx, caller) -> ApiJson.send(ctx, 200, Map.of("departments", departments.all().stream()
                                .filter(d -> caller.sees(d.getId()))
                                .sorted(Comparator.comparing(Department::getId))
                                .map(DepartmentJson::toJson).toList()))),
                ApiRoute.get("/api/v1/departments/{id}", Access.ANY_TOKEN, "One department", (ctx, caller) -> {
                    requireSees(caller, ctx.pathParam("id"));
                    departments.get(ctx);
                }),
                ApiRoute.put("/api/v1/departments/{id}", Access.ADMIN,
                        "Create or replace a department; 201 when created, 200 when replaced",
                        "a department (docs/events.md)", (ctx, caller) -> departments.put(ctx)),
                ApiRoute.delete("/api/v1/departments/{id}", Access.ADMIN, "Delete a department",
                        (ctx, caller) -> departments.delete(ctx)),
                ApiRoute.get("/api/v1/rules", Access.ADMIN, "The routing rules, in the order they run",
                        (ctx, caller) -> ApiJson.send(ctx, 200, Map.of("rules", rules.all().stream()
                                .sorted(Comparator.comparing(RoutingRule::getOrder).thenComparing(RoutingRule::getId))
                                .map(RoutingRuleJson::toJson).toList()))),
                ApiRoute.get("/api/v1/rules/{id}", Access.ADMIN, "One routing rule", (ctx, caller) -> rules.get(ctx)),
                ApiRoute.put("/api/v1/rules/{id}", Access.ADMIN,
                        "Create or replace a routing rule; 201 when created, 200 when replaced",
                        "a routing rule (docs/events.md)", (ctx, caller) -> rules.put(ctx)),
                ApiRoute.delete("/api/v1/rules/{id}", Access.ADMIN, "Delete a routing rule",
                        (ctx, caller) -> rules.delete(ctx)));
    }

    private static void requireSees(Caller caller, String department) {
        if (!caller.sees(department)) {
            throw ApiError.forbidden("this token does not see department " + department);
        }
    }
}
