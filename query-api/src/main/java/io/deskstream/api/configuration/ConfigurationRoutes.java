package io.deskstream.api.configuration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.deskstream.schemas.json.InvalidInputException;
import io.deskstream.schemas.json.RoutingRuleJson;
import io.deskstream.topology.StoreNames;
import io.javalin.http.Context;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Departments and routing rules (events.md): read from the global stores every instance keeps, written (admin only)
 * to their compacted topics. Agents see their own departments and no rules: rules name every department.
 */
public final class ConfigurationRoutes {

    private final LiveTopology topology;
    private final ConfigurationWriter writer;

    public ConfigurationRoutes(LiveTopology topology, ConfigurationWriter writer) {
        this.topology = topology;
        this.writer = writer;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/departments", Access.ANY_TOKEN,
                        "The departments (an agent sees its own)", this::listDepartments),
                ApiRoute.get("/api/v1/departments/{id}", Access.ANY_TOKEN, "One department", this::getDepartment),
                ApiRoute.put("/api/v1/departments/{id}", Access.ADMIN,
                        "Create or replace a department; 201 when created, 200 when replaced",
                        "a department (events.md)", this::putDepartment),
                ApiRoute.delete("/api/v1/departments/{id}", Access.ADMIN, "Delete a department", this::deleteDepartment),
                ApiRoute.get("/api/v1/rules", Access.ADMIN, "The routing rules, in the order they run", this::listRules),
                ApiRoute.get("/api/v1/rules/{id}", Access.ADMIN, "One routing rule", this::getRule),
                ApiRoute.put("/api/v1/rules/{id}", Access.ADMIN,
                        "Create or replace a routing rule; 201 when created, 200 when replaced",
                        "a routing rule (events.md)", this::putRule),
                ApiRoute.delete("/api/v1/rules/{id}", Access.ADMIN, "Delete a routing rule", this::deleteRule));
    }

    private ReadOnlyKeyValueStore<String, Department> departments() {
        return topology.globalStore(StoreNames.DEPARTMENTS);
    }

    private ReadOnlyKeyValueStore<String, RoutingRule> rules() {
        return topology.globalStore(StoreNames.ROUTING_RULES);
    }

    private void listDepartments(Context ctx, Caller caller) {
        List<ObjectNode> visible = new ArrayList<>();
        for (Department department : all(departments())) {
            if (caller.sees(department.getId())) {
                visible.add(DepartmentJson.toJson(department));
            }
        }
        visible.sort(Comparator.comparing(json -> json.path("id").asText()));
        ApiJson.send(ctx, 200, Map.of("departments", visible));
    }

    private void getDepartment(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        if (!caller.sees(id)) {
            throw ApiError.forbidden("this token does not see department " + id);
        }
        Department department = departments().get(id);
        if (department == null) {
            throw ApiError.notFound("no department " + id);
        }
        ApiJson.send(ctx, 200, DepartmentJson.toJson(department));
    }

    private void putDepartment(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        Department department;
        try {
            department = DepartmentJson.parse(withPathId(ApiJson.object(ctx), id));
        } catch (InvalidInputException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        boolean existed = departments().get(id) != null;
        writer.put(department);
        VisibleWrites.await(() -> departments().get(id), department, "department " + id);
        ApiJson.send(ctx, existed ? 200 : 201, DepartmentJson.toJson(department));
    }

    private void deleteDepartment(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        if (departments().get(id) == null) {
            throw ApiError.notFound("no department " + id);
        }
        writer.deleteDepartment(id);
        VisibleWrites.await(() -> departments().get(id), null, "the deletion of department " + id);
        ctx.status(204);
    }

    private void listRules(Context ctx, Caller caller) {
        List<RoutingRule> rules = all(rules());
        rules.sort(Comparator.comparing(RoutingRule::getOrder).thenComparing(RoutingRule::getId));
        ApiJson.send(ctx, 200, Map.of("rules", rules.stream().map(RoutingRuleJson::toJson).toList()));
    }

    private void getRule(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        RoutingRule rule = rules().get(id);
        if (rule == null) {
            throw ApiError.notFound("no routing rule " + id);
        }
        ApiJson.send(ctx, 200, RoutingRuleJson.toJson(rule));
    }

    private void putRule(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        RoutingRule rule;
        try {
            rule = RoutingRuleJson.parse(withPathId(ApiJson.object(ctx), id));
        } catch (InvalidInputException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        boolean existed = rules().get(id) != null;
        writer.put(rule);
        VisibleWrites.await(() -> rules().get(id), rule, "routing rule " + id);
        ApiJson.send(ctx, existed ? 200 : 201, RoutingRuleJson.toJson(rule));
    }

    private void deleteRule(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        if (rules().get(id) == null) {
            throw ApiError.notFound("no routing rule " + id);
        }
        writer.deleteRule(id);
        VisibleWrites.await(() -> rules().get(id), null, "the deletion of routing rule " + id);
        ctx.status(204);
    }

    /** The path names what is written; a body naming something else is a mistake, not a rename. */
    private static ObjectNode withPathId(ObjectNode body, String id) {
        if (body.has("id") && !body.path("id").asText().equals(id)) {
            throw ApiError.badRequest("id: the body says \"" + body.path("id").asText() + "\" but the path says \"" + id + "\"");
        }
        body.put("id", id);
        return body;
    }

    private static <V> List<V> all(ReadOnlyKeyValueStore<String, V> store) {
        List<V> values = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(entry -> values.add(entry.value));
        }
        return values;
    }
}
