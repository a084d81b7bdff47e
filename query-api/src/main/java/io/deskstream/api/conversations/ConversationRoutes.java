package io.deskstream.api.conversations;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.api.ApiError;
import io.deskstream.api.ApiJson;
import io.deskstream.api.ApiRoute;
import io.deskstream.api.ApiRoute.Access;
import io.deskstream.api.auth.Caller;
import io.deskstream.api.cluster.ClusterQuery;
import io.deskstream.api.cluster.LiveTopology;
import io.deskstream.api.cluster.PeerClient;
import io.deskstream.schemas.output.ConversationKind;
import io.deskstream.schemas.state.ConversationState;
import io.deskstream.topology.StoreNames;
import io.deskstream.topology.conversation.ConversationEvent;
import io.deskstream.topology.conversation.TicketStatusName;
import io.deskstream.topology.routing.RoutingOutcome;
import io.javalin.http.Context;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyQueryMetadata;

/**
 * {@code GET /api/v1/conversations/{id}}: a conversation's state now, from the one instance that owns its partition
 * (asked over its internal route when that is not this one). Ticket, chat and call ids are looked up in that order.
 */
public final class ConversationRoutes {

    private static final String LOCAL = "/internal/v1/conversations/";
    private static final StringSerializer KEYS = new StringSerializer();

    private final LiveTopology topology;
    private final ClusterQuery cluster;
    private final PeerClient peers;

    public ConversationRoutes(LiveTopology topology, ClusterQuery cluster, PeerClient peers) {
        this.topology = topology;
        this.cluster = cluster;
        this.peers = peers;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/conversations/{id}", Access.ANY_TOKEN,
                        "A conversation's state now: kind, channel, department, agent, status, tags, matched rules",
                        this::conversation),
                ApiRoute.get(LOCAL + "{id}", Access.ANY_TOKEN,
                        "Internal, between instances: a conversation from this instance's own partitions",
                        (ctx, caller) -> ApiJson.send(ctx, 200, local(ctx.pathParam("id"), ownerPartition(ctx.pathParam("id")), caller))));
    }

    private void conversation(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        KeyQueryMetadata owner = owner(id);
        if (owner.activeHost().equals(cluster.self())) {
            ApiJson.send(ctx, 200, local(id, owner.partition(), caller));
            return;
        }
        // The owner's own answer, errors included: a conversation it does not have is a 404 here too.
        JsonNode answer = PeerClient.await(peers.get(owner.activeHost(),
                LOCAL + URLEncoder.encode(id, StandardCharsets.UTF_8), ctx.header("Authorization")));
        ApiJson.send(ctx, 200, answer);
    }

    private KeyQueryMetadata owner(String id) {
        KeyQueryMetadata owner = topology.streams().queryMetadataForKey(StoreNames.CONVERSATIONS, id, KEYS);
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw ApiError.unavailable("no instance owns conversation " + id + "'s partition right now (a rebalance); "
                    + "retry shortly");
        }
        return owner;
    }

    private int ownerPartition(String id) {
        KeyQueryMetadata owner = owner(id);
        if (!owner.activeHost().equals(cluster.self())) {
            throw ApiError.unavailable("conversation " + id + "'s partition has moved to " + owner.activeHost()
                    + "; retry shortly");
        }
        return owner.partition();
    }

    private Map<String, Object> local(String id, int partition, Caller caller) {
        var store = topology.<ConversationState>partitionStore(StoreNames.CONVERSATIONS, partition);
        for (ConversationKind kind : List.of(ConversationKind.ticket, ConversationKind.chat, ConversationKind.call)) {
            ConversationState state = store.get(ConversationEvent.stateKey(kind, id));
            if (state != null) {
                String department = state.getDepartment() == null ? RoutingOutcome.NO_DEPARTMENT : state.getDepartment();
                if (!caller.sees(department)) {
                    break;
                }
                return view(id, state, department);
            }
        }
        throw ApiError.notFound("no conversation " + id + (caller.admin() ? "" : " in this token's departments"));
    }

    private static Map<String, Object> view(String id, ConversationState state, String department) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("kind", state.getKind().name());
        view.put("channel", state.getChannel());
        view.put("department", department);
        view.put("agent", state.getAgent());
        view.put("status", state.getTicket() == null ? null : TicketStatusName.of(state.getTicket().getStatus()));
        view.put("tags", state.getTags());
        view.put("matchedRules", state.getMatchedRules());
        return view;
    }
}
