package io.deskstream.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.deskstream.topology.ProcessingObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The meters of one deskstream process, scraped at {@code GET /metrics}: the JVM and the process, Kafka Streams and its
 * clients (Micrometer's binders), the ingest producer, and what the processing reports ({@link #observer()}). The
 * registry is also added to Micrometer's global registry, where the export sinks of the embedded Connect worker count
 * what they write.
 */
final class OperatorMetrics implements AutoCloseable {

    /** Department and reason tags come from input: a hostile sender must not make a time series per id it invents. */
    private static final int MAX_TAG_VALUES = 500;
    private static final String OTHER = "other";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> binders = new ArrayList<>();
    private final Set<String> departments = ConcurrentHashMap.newKeySet();
    private final Set<String> reasons = ConcurrentHashMap.newKeySet();
    /** Counters by their tag values: found once, then incremented, since an event is counted every few microseconds. */
    private final Map<String, Counter> eventsRead = new ConcurrentHashMap<>();
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Timer freshness;

    OperatorMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        freshness = Timer.builder("deskstream.freshness")
                .description("From an event's ts to its effects being queryable through the API")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(1),
                        Duration.ofSeconds(5))
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        Metrics.globalRegistry.add(registry);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    void bind(KafkaStreams streams) {
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
        binders.add(metrics);
    }

    void bind(Producer<?, ?> producer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(registry);
        binders.add(metrics);
    }

    /**
     * What the topology reports, counted here.
     *
     * @param reportDataWritten told when the processing wrote changed report data, so that answers are not reused
     */
    ProcessingObserver observer(Runnable reportDataWritten) {
        return new ProcessingObserver() {
            @Override
            public void reportDataWritten() {
                reportDataWritten.run();
            }

            @Override
            public void eventRead(String topic) {
                eventsRead.computeIfAbsent(topic, t -> Counter.builder("deskstream.events.read")
                        .description("Input records read by the processing").tag("topic", t).register(registry))
                        .increment();
            }

            @Override
            public void routed(String department, String decision) {
                String tag = bounded(departments, department);
                decisions.computeIfAbsent(tag + '\u001f' + decision, k -> Counter.builder("deskstream.routing.decisions")
                        .description("Routing decisions published").tag("department", tag).tag("decision", decision)
                        .register(registry)).increment();
            }

            @Override
            public void deadLetter(String reason) {
                deadLetters.computeIfAbsent(bounded(reasons, reason), tag -> Counter.builder("deskstream.dead.letters")
                        .description("Records refused, by reason").tag("reason", tag).register(registry)).increment();
            }

            @Override
            public void visible(Duration sinceEventTs) {
                freshness.record(sinceEventTs);
            }
        };
    }

    private static String bounded(Set<String> known, String value) {
        if (known.contains(value)) {
            return value;
        }
        if (known.size() >= MAX_TAG_VALUES) {
            return OTHER;
        }
        known.add(value);
        return value;
    }

    @Override
    public void close() {
        Metrics.globalRegistry.remove(registry);
        for (AutoCloseable binder : binders) {
            try {
                binder.close();
            } catch (Exception ignored) {
                // A binder that cannot close holds nothing worth reporting at shutdown.
            }
        }
        registry.close();
    }
}
