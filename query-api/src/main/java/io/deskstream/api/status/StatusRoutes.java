package io.deskstream.api.status;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import io.deskstream.api.ApiError;
import io.deskstream.api.ApiJson;
import io.deskstream.api.ApiRoute;
import io.deskstream.api.ApiRoute.Access;
import io.deskstream.api.Dependency;
import io.deskstream.api.DependencyFailure;
import io.deskstream.api.auth.Caller;
import io.deskstream.api.cluster.ClusterQuery;
import io.deskstream.api.cluster.CounterPartial;
import io.deskstream.api.cluster.LiveTopology;
import io.deskstream.topology.StoreNames;
import io.deskstream.topology.Topics;
import io.javalin.http.Context;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Health (is the topology running) and status (how far processing and the export are, and what was refused). The
 * status's lag figures are measured at most once a second, for all requests together.
 */
public final class StatusRoutes {

    private static final String DEAD_LETTER_COUNTERS = "/internal/v1/dead-letter-counters";

    /**
     * What the status measures at most once a second: the lag of the topology's two stages (Admin calls) and the
     * export's connectors (the Connect worker, and the export's state on disk).
     */
    private record Progress(Instant measuredAt, Map<String, ProcessingProgress.TopicProgress> inputs,
                            ProcessingProgress.TopicProgress reportStage, List<ExportState.Connector> connectors) {
    }

    private final LiveTopology topology;
    private final ClusterQuery cluster;
    private final Admin admin;
    private final String applicationId;
    private final Topics topics;
    private final ZoneId reportZone;
    private final Readiness readiness;
    private final ExportState export;
    private final ReusedMeasure<Progress> progress;
    private final Clock clock;

    public StatusRoutes(LiveTopology topology, ClusterQuery cluster, Admin admin, String applicationId, Topics topics,
                        ZoneId reportZone, Readiness readiness, ExportState export, LatestWrite latestWrite,
                        Clock clock) {
        this.readiness = readiness;
        this.topology = topology;
        this.cluster = cluster;
        this.admin = admin;
        this.applicationId = applicationId;
        this.topics = topics;
        this.reportZone = reportZone;
        this.export = export;
        this.clock = clock;
        this.progress = new ReusedMeasure<>(clock, this::measure, latestWrite::at);
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/health", Access.PUBLIC, "200 when the topology is RUNNING, else 503", this::health),
                ApiRoute.get("/api/v1/health/live", Access.PUBLIC, "Liveness, for a restart policy: 200 unless the "
                        + "process cannot recover by itself (its topology failed or stopped), else 503", this::live),
                ApiRoute.get("/api/v1/health/ready", Access.PUBLIC, "Readiness, for a load balancer: 200 when the "
                        + "topology is RUNNING, its stores queryable and the brokers reachable, else 503", this::ready),
                ApiRoute.get("/api/v1/status", Access.ANY_TOKEN,
                        "Processing state: records read and lag per input topic, caughtUp, the lag of the report "
                                + "rows stage, the export (each connector's tasks and their state, the newest hour "
                                + "closed per format), dead letters by reason, this instance's state, and the report "
                                + "time zone; measured at most once a second", this::status)
                        .withResponse(StatusSchema.of()),
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

    /** The lag figures: three Admin calls for the input and the report rows stage together. */
    private Progress measure() {
        Instant measuredAt = clock.instant();
        List<String> inputs = new ArrayList<>(topics.inputEvents());
        inputs.add(topics.deadLetters());
        List<String> read = new ArrayList<>(inputs);
        read.add(topics.reportCellShares());
        Map<String, ProcessingProgress.TopicProgress> measured;
        try {
            measured = ProcessingProgress.byTopic(admin, applicationId, read);
        } catch (ExecutionException e) {
            ApiError dependency = DependencyFailure.of(e.getCause());
            throw dependency != null ? dependency : ApiError.dependencyUnavailable(Dependency.KAFKA,
                    "Kafka did not give the offsets: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.unavailable("interrupted while asking Kafka for the offsets");
        }
        Map<String, ProcessingProgress.TopicProgress> inputProgress = new TreeMap<>();
        inputs.forEach(topic -> inputProgress.put(topic, measured.get(topic)));
        return new Progress(measuredAt, inputProgress, measured.get(topics.reportCellShares()), export.connectors());
    }

    private void status(Context ctx, Caller caller) {
        KafkaStreams streams = topology.streams();
        Progress measured = progress.get();
        Map<String, Object> inputJson = new LinkedHashMap<>();
        long lag = 0;
        for (Map.Entry<String, ProcessingProgress.TopicProgress> topic : measured.inputs().entrySet()) {
            inputJson.put(topic.getKey(), progressJson(topic.getValue()));
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
        status.put("measuredAt", measured.measuredAt().toString());
        status.put("inputs", inputJson);
        Map<String, Object> reportStage = new LinkedHashMap<>();
        reportStage.put("topic", topics.reportCellShares());
        reportStage.putAll(progressJson(measured.reportStage()));
        status.put("reportStage", reportStage);
        status.put("export", exportJson(measured));
        status.put("deadLetters", deadLetters);
        // Dashboards cut their ranges and label their buckets in this zone, whatever the browser's zone is.
        status.put("reportTimezone", reportZone.equals(ZoneOffset.UTC) ? "UTC" : reportZone.getId());
        ApiJson.send(ctx, 200, status);
    }

    private Map<String, Object> exportJson(Progress measured) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("enabled", export.enabled());
        if (!export.enabled()) {
            json.put("note", "the export does not run in this process (--no-exports)");
            return json;
        }
        List<Map<String, Object>> connectors = new ArrayList<>();
        for (ExportState.Connector connector : measured.connectors()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", connector.name());
            one.put("format", connector.format());
            one.put("state", connector.state());
            if (connector.error() != null) {
                one.put("error", connector.error());
            }
            List<Map<String, Object>> tasks = new ArrayList<>();
            for (ExportState.Task task : connector.tasks()) {
                Map<String, Object> taskJson = new LinkedHashMap<>();
                taskJson.put("id", task.id());
                taskJson.put("state", task.state());
                if (task.error() != null) {
                    taskJson.put("error", task.error());
                }
                tasks.add(taskJson);
            }
            one.put("tasks", tasks);
            one.put("newestHourClosed", connector.newestHourClosed() == null ? null
                    : connector.newestHourClosed().toString());
            connectors.add(one);
        }
        json.put("connectors", connectors);
        return json;
    }

    private static Map<String, Object> progressJson(ProcessingProgress.TopicProgress progress) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("read", progress.read());
        json.put("lag", progress.lag());
        return json;
    }
}
