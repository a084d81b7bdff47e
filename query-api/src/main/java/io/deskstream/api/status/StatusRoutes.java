package io.deskstream.api.status;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.deskstream.api.ApiError;
import io.deskstream.api.ApiJson;
import io.deskstream.api.ApiRoute;
import io.deskstream.api.ApiRoute.Access;
import io.deskstream.api.auth.Caller;
import io.deskstream.api.cluster.ClusterQuery;
import io.deskstream.api.cluster.CounterPartial;
import io.deskstream.api.cluster.LiveTopology;
import io.deskstream.topology.StoreNames;
import io.deskstream.topology.Topics;
import io.javalin.http.Context;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/** Health (is the topology running) and status (how far processing is, and what was refused). */
public final class StatusRoutes {

    private static final String DEAD_LETTER_COUNTERS = "/internal/v1/dead-letter-counters";

    private final LiveTopology topology;
    private final ClusterQuery cluster;
    private final Admin admin;
    private final String applicationId;
    private final Topics topics;
    private final ZoneId reportZone;
    private final Readiness readiness;

    public StatusRoutes(LiveTopology topology, ClusterQuery cluster, Admin admin, String applicationId, Topics topics,
                        ZoneId reportZone, Readiness readiness) {
        this.readiness = readiness;
        this.topology = topology;
        this.cluster = cluster;
        this.admin = admin;
        this.applicationId = applicationId;
        this.topics = topics;
        this.reportZone = reportZone;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/health", Access.PUBLIC, "200 when the topology is RUNNING, else 503", this::health),
                ApiRoute.get("/api/v1/health/live", Access.PUBLIC, "Liveness, for a restart policy: 200 unless the "
                        + "process cannot recover by itself (its topology failed or stopped), else 503", this::live),
                ApiRoute.get("/api/v1/health/ready", Access.PUBLIC, "Readiness, for a load balancer: 200 when the "
                        + "topology is RUNNING, its stores queryable and the brokers reachable, else 503", this::ready),
                ApiRoute.get("/api/v1/status", Access.ANY_TOKEN,
                        "Processing state: records read and lag per input topic, caughtUp, dead letters by reason, "
                                + "this instance's state, and the report time zone", this::status),
                ApiRoute.get(DEAD_LETTER_COUNTERS, Access.ANY_TOKEN,
                        "Internal, between instances: this instance's dead-letter counters",
                        (ctx, caller) -> ApiJson.send(ctx, 200,
                                cluster.localPart(StoreNames.DEAD_LETTER_COUNTS, new CounterPartial()))));
    }

    private void health(Context ctx, Caller caller) {
        KafkaStreams.State state = topology.isStarted() ? topology.streams().state() : null;
        if (state != KafkaStreams.State.RUNNING) {
            throw ApiError.unavailable("the topology is " + (state == null ? "starting" : state));
        }
        ApiJson.send(ctx, 200, Map.of("status", state.toString()));
    }

    private void live(Context ctx, Caller caller) {
        String problem = readiness.notAlive();
        if (problem != null) {
            throw ApiError.unavailable(problem);
        }
        ApiJson.send(ctx, 200, Map.of("status", "alive"));
    }

    private void ready(Context ctx, Caller caller) {
        String problem = readiness.notReady();
        if (problem != null) {
            throw ApiError.unavailable(problem);
        }
        ApiJson.send(ctx, 200, Map.of("status", "ready"));
    }

    private void status(Context ctx, Caller caller) throws InterruptedException {
        KafkaStreams streams = topology.streams();
        List<String> inputs = new ArrayList<>(topics.inputEvents());
        inputs.add(topics.deadLetters());
        Map<String, ProcessingProgress.TopicProgress> progress;
        try {
            progress = ProcessingProgress.byTopic(admin, applicationId, inputs);
        } catch (ExecutionException e) {
            throw ApiError.unavailable("Kafka did not give the offsets: " + e.getCause().getMessage());
        }
        Map<String, Object> inputJson = new LinkedHashMap<>();
        long lag = 0;
        for (Map.Entry<String, ProcessingProgress.TopicProgress> topic : progress.entrySet()) {
            inputJson.put(topic.getKey(), Map.of("read", topic.getValue().read(), "lag", topic.getValue().lag()));
            lag += topic.getValue().lag();
        }
        Map<String, Object> deadLetters;
        try {
            deadLetters = new LinkedHashMap<>(cluster.gather(StoreNames.DEAD_LETTER_COUNTS, new CounterPartial(),
                    DEAD_LETTER_COUNTERS, ctx.header("Authorization")));
        } catch (ApiError unavailable) {
            deadLetters = null;
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", streams.state().toString());
        status.put("instance", cluster.self().host() + ":" + cluster.self().port());
        status.put("caughtUp", lag == 0 && deadLetters != null && streams.state() == KafkaStreams.State.RUNNING);
        status.put("lag", lag);
        status.put("inputs", inputJson);
        status.put("deadLetters", deadLetters);
        // Dashboards cut their ranges and label their buckets in this zone, whatever the browser's zone is.
        status.put("reportTimezone", reportZone.equals(ZoneOffset.UTC) ? "UTC" : reportZone.getId());
        ApiJson.send(ctx, 200, status);
    }
}
