package io.deskstream.api.configuration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.deskstream.api.ApiError;
import io.deskstream.api.ApiJson;
import io.deskstream.api.ApiRoute;
import io.deskstream.api.ApiRoute.Access;
import io.deskstream.api.auth.Caller;
import io.deskstream.api.cluster.LiveTopology;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.schemas.json.InputEvent;
import io.deskstream.schemas.json.InvalidInputException;
import io.deskstream.topology.StoreNames;
import io.deskstream.topology.configuration.LiveRoutingRules;
import io.deskstream.topology.conversation.ConversationEvent;
import io.deskstream.topology.conversation.ConversationRouting;
import io.deskstream.topology.routing.RoutingOutcome;
import io.deskstream.topology.routing.RoutingRules;
import io.javalin.http.Context;

/**
 * {@code POST /api/v1/rules/test}: a dry run of routing. The same rules and the same code as the topology, on a
 * conversation's first event, without writing anything.
 */
public final class RuleTestRoutes {

    private final LiveTopology topology;
    private final CanonicalEventParser parser;

    public RuleTestRoutes(LiveTopology topology, CanonicalEventParser parser) {
        this.topology = topology;
        this.parser = parser;
    }

    public List<ApiRoute> routes() {
        return List.of(ApiRoute.post("/api/v1/rules/test", Access.ADMIN,
                "Dry run of routing: the department, agent and tags a conversation's first event would get, and the "
                        + "rules that matched", "a ticket.created, chat.started or call.incoming event (docs/events.md)",
                this::test));
    }

    private void test(Context ctx, Caller caller) {
        InputEvent event;
        try {
            event = parser.parse(ApiJson.object(ctx));
        } catch (InvalidInputException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        ConversationEvent conversation = ConversationEvent.of(event.value());
        if (conversation == null || !conversation.creates()) {
            throw ApiError.badRequest("type: rules run on a conversation's first event (ticket.created, chat.started, "
                    + "call.incoming)");
        }
        RoutingRules rules = LiveRoutingRules.compile(topology.globalStore(StoreNames.ROUTING_RULES));
        RoutingOutcome outcome = rules.route(ConversationRouting.facts(conversation.body()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("department", outcome.reportedDepartment());
        answer.put("agent", outcome.agent());
        answer.put("tags", outcome.tags());
        answer.put("matchedRules", outcome.matchedRules());
        ApiJson.send(ctx, 200, answer);
    }
}
