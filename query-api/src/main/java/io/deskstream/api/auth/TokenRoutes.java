package io.deskstream.api.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.api.ApiError;
import io.deskstream.api.ApiJson;
import io.deskstream.api.ApiRoute;
import io.deskstream.api.ApiRoute.Access;
import io.deskstream.api.cluster.LiveTopology;
import io.deskstream.schemas.config.AccessToken;
import io.deskstream.topology.StoreNames;
import io.javalin.http.Context;

/** Agent tokens: issued, listed (without secrets) and revoked by the admin. */
public final class TokenRoutes {

    private final AccessTokens tokens;
    private final LiveTopology topology;

    public TokenRoutes(AccessTokens tokens, LiveTopology topology) {
        this.tokens = tokens;
        this.topology = topology;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/api/v1/tokens", Access.ADMIN,
                        "Issue an agent token that sees the given departments; its secret is shown only in this answer",
                        "{\"role\": \"agent\", \"departments\": [\"sales\"]}", this::issue),
                ApiRoute.get("/api/v1/tokens", Access.ADMIN, "The agent tokens: id, role, departments, creation time",
                        this::list),
                ApiRoute.delete("/api/v1/tokens/{id}", Access.ADMIN, "Revoke an agent token, on every instance",
                        (ctx, caller) -> {
                            tokens.revoke(ctx.pathParam("id"));
                            ctx.status(204);
                        }));
    }

    private void issue(Context ctx, Caller caller) {
        ObjectNode body = ApiJson.object(ctx);
        String role = body.path("role").asText("");
        if (!role.equals("agent")) {
            throw ApiError.badRequest("role: only \"agent\" tokens are issued (the admin token is set at start); got \""
                    + role + "\"");
        }
        JsonNode named = body.path("departments");
        if (!named.isArray() || named.isEmpty()) {
            throw ApiError.badRequest("departments: a non-empty array of department ids is needed");
        }
        LinkedHashSet<String> departments = new LinkedHashSet<>();
        var known = topology.globalStore(StoreNames.DEPARTMENTS);
        for (JsonNode id : named) {
            if (!id.isTextual() || known.get(id.asText()) == null) {
                throw ApiError.badRequest("departments: " + id + " is not a configured department");
            }
            departments.add(id.asText());
        }
        AccessTokens.Issued issued = tokens.issueAgentToken(new ArrayList<>(departments));
        Map<String, Object> answer = view(issued.record());
        answer.put("token", issued.token());
        ApiJson.send(ctx, 201, answer);
    }

    private void list(Context ctx, Caller caller) {
        List<Map<String, Object>> all = tokens.list().stream().map(TokenRoutes::view)
                .sorted(java.util.Comparator.comparing(view -> view.get("createdAt").toString())).toList();
        ApiJson.send(ctx, 200, Map.of("tokens", all));
    }

    private static Map<String, Object> view(AccessToken token) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", token.getId());
        view.put("role", token.getRole());
        view.put("departments", token.getDepartments());
        view.put("createdAt", token.getCreatedAt().toString());
        return view;
    }
}
