package io.deskstream.api;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.deskstream.api.auth.AccessTokens;
import io.deskstream.api.auth.Caller;
import io.deskstream.api.auth.TokenRoutes;
import io.deskstream.api.cluster.ClusterQuery;
import io.deskstream.api.cluster.FreshAnswers;
import io.deskstream.api.cluster.LiveTopology;
import io.deskstream.api.cluster.PeerClient;
import io.deskstream.api.cluster.StorePartitions;
import io.deskstream.api.configuration.ConfigurationRoutes;
import io.deskstream.api.configuration.RuleTestRoutes;
import io.deskstream.api.conversations.ConversationRoutes;
import io.deskstream.api.events.EventRoutes;
import io.deskstream.api.openapi.OpenApiDocument;
import io.deskstream.api.report.ReportAnswers;
import io.deskstream.api.report.ReportRoutes;
import io.deskstream.api.stream.ReportStreamRoutes;
import io.deskstream.api.stream.ReportStreams;
import io.deskstream.api.whatif.WhatIfRoutes;
import io.deskstream.api.metrics.ApiMetrics;
import io.deskstream.api.metrics.MetricsRoutes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.deskstream.api.status.ExportState;
import io.deskstream.api.status.LatestWrite;
import io.deskstream.api.status.Readiness;
import io.deskstream.api.status.StatusRoutes;
import io.deskstream.ingest.ConfigurationWriter;
import io.deskstream.ingest.EventPublisher;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.http.HttpResponseException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of api.md: every route, declared once as an {@link ApiRoute} (which also writes openapi.json), behind
 * one authentication step, with every failure answered as {@code {"error": ...}} and never a stack trace.
 */
public final class DeskstreamApi {

    private static final Logger LOG = LoggerFactory.getLogger(DeskstreamApi.class);

    private final List<ApiRoute> routes = new ArrayList<>();
    private final AccessTokens tokens;
    private final ApiMetrics metrics;
    private final ReportStreams streams;
    private static final String ROUTE = "deskstream.route";

    /** The parts the API reads and writes through. */
    public record Backends(LiveTopology topology, Admin admin, ConfigurationWriter configuration,
                           EventPublisher events, CanonicalEventParser parser, String adminToken,
                           PrometheusMeterRegistry meters, ExportState export) {
    }

    public DeskstreamApi(ApiSettings settings, Backends backends, Clock clock) {
        LiveTopology topology = backends.topology();
        metrics = new ApiMetrics(backends.meters());
        PeerClient peers = new PeerClient(settings.peerTls());
        ClusterQuery cluster = new ClusterQuery(topology, new StorePartitions(topology, backends.admin()), peers,
                settings.advertised());
        tokens = new AccessTokens(backends.adminToken(), topology, backends.configuration());
        LatestWrite latestWrite = new LatestWrite(clock);
        routes.addAll(new StatusRoutes(topology, cluster, backends.admin(), settings.applicationId(), settings.topics(),
                settings.reportZone(), new Readiness(topology, settings.advertised(), backends.admin(), clock),
                backends.export(), latestWrite, clock).routes());
        routes.addAll(new EventRoutes(backends.parser(), backends.events(), settings.maxEventsBodyBytes(),
                settings.maxEventsInFlightBytes(), latestWrite).routes());
        routes.addAll(new ConfigurationRoutes(topology, backends.configuration()).routes());
        routes.addAll(new RuleTestRoutes(topology, backends.parser()).routes());
        routes.addAll(new WhatIfRoutes(cluster).routes());
        routes.addAll(new ConversationRoutes(topology, cluster, peers).routes());
        FreshAnswers fresh = new FreshAnswers(metrics, topology::reportDataVersion);
        ReportAnswers answers = new ReportAnswers(cluster, fresh, settings.maxReportRows());
        routes.addAll(new ReportRoutes(cluster, settings.reportZone(), clock, fresh, answers).routes());
        streams = new ReportStreams(answers, tokens, settings.reportStreams(), clock);
        metrics.reportStreams(streams::openStreams);
        routes.addAll(new ReportStreamRoutes(streams, settings.reportZone(), clock).routes());
        routes.addAll(new MetricsRoutes(backends.meters(), settings.metricsNeedToken()).routes());
        routes.addAll(new TokenRoutes(tokens, topology).routes());
        routes.add(ApiRoute.get("/api/v1/openapi.json", ApiRoute.Access.PUBLIC,
                "This description of the API", (ctx, caller) -> ApiJson.send(ctx, 200, openApi())));
    }

    public List<ApiRoute> routes() {
        return List.copyOf(routes);
    }

    public com.fasterxml.jackson.databind.node.ObjectNode openApi() {
        String version = DeskstreamApi.class.getPackage().getImplementationVersion();
        return OpenApiDocument.of(routes, version == null ? "development" : version);
    }

    public void declare(JavalinConfig config) {
        // The dashboard: static files in the jar, Chart.js from its webjar; nothing comes from the network.
        config.staticFiles.add("/dashboard", Location.CLASSPATH);
        config.staticFiles.enableWebjars();
        // Open streams end before the server stops, with an event saying so, rather than being cut.
        config.events.serverStopping(streams::close);
        for (ApiRoute route : routes) {
            config.routes.addHttpHandler(route.method(), route.path(), ctx -> {
                ctx.attribute(ROUTE, route.path());
                Caller caller = switch (route.access()) {
                    case PUBLIC -> Caller.ANONYMOUS;
                    case ANY_TOKEN -> tokens.authenticate(ctx.header("Authorization"));
                    case ADMIN -> {
                        Caller who = tokens.authenticate(ctx.header("Authorization"));
                        who.requireAdmin(route.method() + " " + route.path());
                        yield who;
                    }
                };
                route.handler().handle(ctx, caller);
            });
        }
        // Requests by the route they matched (not the raw path, so that ids do not each make a time series).
        config.requestLogger.http((ctx, millis) -> {
            String route = ctx.attribute(ROUTE);
            metrics.request(ctx.method().name(), route == null ? "other" : route, ctx.statusCode(),
                    java.time.Duration.ofNanos((long) (millis * 1_000_000)));
        });
        config.routes.exception(ApiError.class, (error, ctx) -> answer(ctx, error));
        // A store can close under a query when its partition moves to another instance mid-way: that is a rebalance,
        // and the answer is to ask again, not a server fault.
        config.routes.exception(InvalidStateStoreException.class, (error, ctx) -> {
            ctx.header("Retry-After", "1");
            ApiJson.send(ctx, 503, Map.of("error", "the data is moving between instances (" + error.getMessage()
                    + "); retry shortly"));
        });
        config.routes.exception(HttpResponseException.class, (error, ctx) ->
                ApiJson.send(ctx, error.getStatus(), Map.of("error", error.getMessage())));
        config.routes.exception(Exception.class, (error, ctx) -> {
            ApiError dependency = DependencyFailure.of(error);
            if (dependency != null) {
                LOG.warn("{} {}: {}", ctx.method(), ctx.path(), dependency.getMessage());
                answer(ctx, dependency);
                return;
            }
            LOG.error("{} {} failed", ctx.method(), ctx.path(), error);
            ApiJson.send(ctx, 500, Map.of("error", "internal error (" + error.getClass().getSimpleName()
                    + "); the server log has the details"));
        });
    }

    private static void answer(Context ctx, ApiError error) {
        if (error.retryAfter() != null) {
            ctx.header("Retry-After", String.valueOf(error.retryAfter().toSeconds()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.getMessage());
        if (error.dependency() != null) {
            body.put("dependency", error.dependency().id());
        }
        ApiJson.send(ctx, error.status(), body);
    }
}
