package io.deskstream.api.metrics;

import java.util.List;

import io.deskstream.api.ApiRoute;
import io.deskstream.api.ApiRoute.Access;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format, as scrapers expect it. Open by default on the HTTP
 * port, as is usual for scrapers; {@code --metrics-auth token} asks for a token like the API.
 */
public final class MetricsRoutes {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final boolean needsToken;

    public MetricsRoutes(PrometheusMeterRegistry registry, boolean needsToken) {
        this.registry = registry;
        this.needsToken = needsToken;
    }

    public List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/metrics", needsToken ? Access.ANY_TOKEN : Access.PUBLIC,
                "Metrics in the Prometheus text format: processing, freshness, dead letters, HTTP, export, Kafka "
                        + "Streams, Kafka clients, JVM and process",
                (ctx, caller) -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape())));
    }
}
