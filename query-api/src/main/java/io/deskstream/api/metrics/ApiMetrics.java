package io.deskstream.api.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What the HTTP face counts: requests by route and status with their latency, report answers reused, and report
 * streams open.
 */
public final class ApiMetrics {

    private final MeterRegistry registry;
    private final Counter answersReused;
    private final Counter answersComputed;

    public ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.answersReused = Counter.builder("deskstream.report.answers").tag("source", "reused")
                .description("Report and ticket-status answers served from the answers of the last second")
                .register(registry);
        this.answersComputed = Counter.builder("deskstream.report.answers").tag("source", "computed")
                .description("Report and ticket-status answers computed from the stores")
                .register(registry);
    }

    /** Counts nothing: for uses without an operator watching. */
    public static ApiMetrics none() {
        return new ApiMetrics(new SimpleMeterRegistry());
    }

    /**
     * @param route the route as declared ({@code /api/v1/conversations/{id}}), never the raw path, so that ids do not
     *              each make a time series
     */
    public void request(String method, String route, int status, Duration took) {
        Timer.builder("http.server.requests")
                .description("HTTP requests by route and status")
                .tag("method", method).tag("route", route).tag("status", String.valueOf(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(took);
    }

    public void answerReused() {
        answersReused.increment();
    }

    public void answerComputed() {
        answersComputed.increment();
    }

    /** Reports {@code open}, the report streams open now, as a gauge. */
    public void reportStreams(java.util.function.IntSupplier open) {
        io.micrometer.core.instrument.Gauge.builder("deskstream.report.streams", open::getAsInt)
                .description("Report streams (server-sent events) open on this instance")
                .register(registry);
    }
}
