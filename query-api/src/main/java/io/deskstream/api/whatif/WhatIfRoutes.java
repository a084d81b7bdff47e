package io.deskstream.api.whatif;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.api.ApiJson;
import io.deskstream.api.ApiRoute;
import io.deskstream.api.ApiRoute.Access;
import io.deskstream.api.auth.Caller;
import io.deskstream.api.cluster.ClusterQuery;
import io.deskstream.topology.StoreNames;
import io.javalin.http.Context;

/**
 * {@code POST /api/v1/rules/what-if}: where the conversations created in a range would be under a draft of the rules,
 * against where they are now. Every instance routes its own partitions' conversations again with the draft; nothing
 * is written.
 */
public final class WhatIfRoutes {

    /** Conversations one instance routes again per question at most: the answer says when it stopped there. */
    public static final int LIMIT = 100_000;
    private static final String LOCAL = "/internal/v1/rules/what-if";
    private static final String BODY = "{\"rules\": [routing rules, as the rules API takes them], "
            + "\"from\": ISO instant, \"to\": ISO instant}";

    private final ClusterQuery cluster;

    public WhatIfRoutes(ClusterQuery cluster) {
        this.cluster = cluster;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/api/v1/rules/what-if", Access.ADMIN,
                        "What-if of routing: the conversations created in a range routed again by a draft of the "
                                + "rules; per department now and under the draft, the moves, a sample; writes nothing",
                        BODY, this::whatIf),
                ApiRoute.post(LOCAL, Access.ADMIN,
                        "Internal, between instances: a what-if over this instance's own partitions", BODY,
                        (ctx, caller) -> {
                            DraftRouting routing = new DraftRouting(WhatIfQuestion.read(ApiJson.object(ctx)), LIMIT);
                            ApiJson.send(ctx, 200, cluster.localPart(StoreNames.CONVERSATIONS, routing));
                        }));
    }

    private void whatIf(Context ctx, Caller caller) {
        ObjectNode body = ApiJson.object(ctx);
        WhatIfQuestion question = WhatIfQuestion.read(body);
        RoutingTally tally = cluster.gatherPosted(StoreNames.CONVERSATIONS, new DraftRouting(question, LIMIT), LOCAL,
                bytes(body), ctx.header("Authorization"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("from", question.from().toString());
        answer.put("to", question.to().toString());
        answer.put("rules", question.ruleCount());
        answer.putAll(tally.answer());
        answer.put("limit", LIMIT);
        answer.put("sampleLimit", RoutingTally.SAMPLE);
        answer.put("partial", false);
        ApiJson.send(ctx, 200, answer);
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return ApiJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON body could not be written again", e);
        }
    }
}
