package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's scraper reads {@code GET /metrics} while the conformance week is sent and exported: every metric the
 * docs name is there in the Prometheus text format, and each one moved.
 */
class MetricsIntegrationTest {

    private static final String TOKEN = "metrics-test-token";
    /** Each metric the docs promise, as a sample name and a label it must carry, and where it must have moved. */
    private static final List<String> MOVING = List.of(
            "deskstream_events_read_total{topic=\"deskstream.ticket-events\"",
            "deskstream_dead_letters_total{reason=\"unknown conversation\"",
            "deskstream_routing_decisions_total{decision=\"created\",department=\"sales\"",
            "deskstream_freshness_seconds_count",
            "http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/events\",status=\"202\"",
            "http_server_requests_seconds_bucket{method=\"POST\",route=\"/api/v1/events\",status=\"202\"",
            "deskstream_report_answers_total{source=\"computed\"",
            "deskstream_report_answers_total{source=\"reused\"",
            "deskstream_export_rows_total{format=\"parquet\"",
            "deskstream_export_files_total{format=\"csv\"",
            "deskstream_export_hours_closed_total{format=\"parquet\"",
            "deskstream_export_corrections_total{format=\"parquet\"",
            "kafka_stream_thread_process_total",
            "kafka_producer_record_send_total",
            "jvm_gc_pause_seconds_count",
            "process_cpu_time_ns_total");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)$",
            Pattern.MULTILINE);

    @TempDir
    Path dataDir;

    @Test
    void everyNamedMetricIsScrapedAndMovesWhileTheWeekIsSentAndExported() throws Exception {
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(Topics.withDefaultPrefix(), 2, (short) 1, Duration.ofDays(30)))
                .with(InstanceSettings.defaults().withAdminToken(TOKEN).withExports(
                        new InstanceSettings.Exports(true, null, Duration.ofHours(1), Duration.ofSeconds(1))));
        try (DeskstreamProcess process = DeskstreamProcess.start(settings)) {
            ApiClient scraper = new ApiClient(process.httpUrl(), null);
            ApiClient.Answer first = scraper.get("/metrics");
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("Content-Type")).startsWith("text/plain");
            Map<String, Double> before = samples(first.body());

            ApiClient api = new ApiClient(process.httpUrl(), TOKEN);
            ConformanceWeek.sendThrough(api);
            for (int i = 0; i < 3; i++) {
                api.get("/api/v1/reports/departments?from=" + ConformanceWeek.FROM + "&to=" + ConformanceWeek.TO);
            }
            ExportIntegrationTest.awaitEqual(ExportIntegrationTest.reportTotals(api),
                    () -> ExportIntegrationTest.parquetTotals(dataDir.resolve("exports")));
            // A late message on an hour already exported makes a correction row.
            api.post("/api/v1/events", """
                    {"id": "late-1", "type": "ticket.created", "ts": "2026-11-04T03:30:00Z", "ticketId": "late", "channel": "email", "departmentId": "sales"}""");
            awaitMoved(scraper, "deskstream_export_rows_total{format=\"parquet\"", sum(samples(scraper.get("/metrics").body()),
                    "deskstream_export_rows_total{format=\"parquet\""));
            api.post("/api/v1/events", """
                    {"id": "late-2", "type": "ticket.message", "ts": "2026-11-04T03:40:00Z", "ticketId": "late"}""");
            awaitMoved(scraper, "deskstream_export_corrections_total{format=\"parquet\"", 0);
            Map<String, Double> after = samples(scraper.get("/metrics").body());

            for (String metric : MOVING) {
                assertThat(sum(after, metric)).as(metric + " moved").isGreaterThan(sum(before, metric));
            }
            assertThat(metricsOfTheGrafanaDashboard()).as("every metric the Grafana dashboard plots is served")
                    .allSatisfy(name -> assertThat(after.keySet()).anyMatch(s -> s.equals(name) || s.startsWith(name + "{")));
        }
    }

    private static void awaitMoved(ApiClient scraper, String metric, double from) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (sum(samples(scraper.get("/metrics").body()), metric) <= from) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(metric + " did not move past " + from + " within 60 s");
            }
            Thread.sleep(250);
        }
    }

    /** The metric names in the queries of docker/'s Grafana dashboard. */
    private static java.util.Set<String> metricsOfTheGrafanaDashboard() throws java.io.IOException {
        Path dashboard = Path.of(System.getProperty("deskstream.repository.dir", ".."))
                .resolve("docker/monitoring/grafana/dashboards/deskstream.json");
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (com.fasterxml.jackson.databind.JsonNode panel : ApiClient.JSON.readTree(dashboard.toFile()).path("panels")) {
            for (com.fasterxml.jackson.databind.JsonNode target : panel.path("targets")) {
                Matcher name = Pattern.compile("\\b((?:deskstream|http|kafka|jvm|process)_[a-z_]+)\\b")
                        .matcher(target.path("expr").asText());
                while (name.find()) {
                    names.add(name.group(1));
                }
            }
        }
        return names;
    }

    /** Every sample of the scrape, by its name with labels. */
    private static Map<String, Double> samples(String scrape) {
        Map<String, Double> samples = new HashMap<>();
        Matcher sample = SAMPLE.matcher(scrape);
        while (sample.find()) {
            samples.put(sample.group(1), Double.parseDouble(sample.group(2)));
        }
        return samples;
    }

    /**
     * The sum of the samples of a metric that carry the given labels, whatever their other labels: {@code name} or
     * {@code name{a="x",b="y"}}.
     */
    private static double sum(Map<String, Double> samples, String metric) {
        int brace = metric.indexOf('{');
        String name = brace < 0 ? metric : metric.substring(0, brace);
        List<String> labels = brace < 0 ? List.of() : List.of(metric.substring(brace + 1).split(","));
        return samples.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .filter(e -> labels.stream().allMatch(label -> e.getKey().contains(label)))
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
