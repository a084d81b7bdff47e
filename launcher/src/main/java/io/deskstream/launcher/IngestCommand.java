package io.deskstream.launcher;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.net.ssl.SSLContext;

import io.deskstream.ingest.ApiFileIngest;
import io.deskstream.ingest.EventFileIngest;
import io.deskstream.ingest.EventPublisher;
import io.deskstream.ingest.IngestSummary;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.schemas.wire.ConfluentAvroSerializer;
import io.deskstream.schemas.wire.PemTrust;
import io.deskstream.topology.Topics;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deskstream ingest FILE.jsonl}: sends an event file to the input topics of a running deskstream. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {
            "Sends a JSON Lines file of events to a running deskstream.",
            "",
            "Each line is one event as in docs/events.md. Valid events are sent keyed by conversation id; refused "
                    + "lines go to the dead-letter topic with the reason. Ends with a summary of what was sent and "
                    + "refused, by reason and line. With --api the file goes through the HTTP API instead."
        })
final class IngestCommand implements Callable<Integer> {

    private static final int LISTED_REFUSALS = 20;

    @Parameters(paramLabel = "FILE.jsonl", description = "The events, one JSON object per line.")
    Path file;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--api", paramLabel = "URL",
            description = "Send through this deskstream's HTTP API (e.g. http://127.0.0.1:7070) instead of straight "
                    + "to Kafka; needs --token.")
    String api;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:DESKSTREAM_TOKEN}",
            description = "The admin token, for --api (env DESKSTREAM_TOKEN).")
    String token;

    @Option(names = "--tls-ca", paramLabel = "FILE", defaultValue = "${env:DESKSTREAM_TLS_CA}",
            description = "PEM certificates that an https --api or --schema-registry-url is trusted with, e.g. the "
                    + "--tls-cert of a deskstream with a certificate of its own (env DESKSTREAM_TLS_CA, default: the "
                    + "JDK's trust store).")
    Path tlsCa;

    @Override
    public Integer call() throws Exception {
        if (cluster.verbose) {
            Logging.verbose();
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file + ": no such readable file");
        }
        if (api != null && (token == null || token.isBlank())) {
            throw new IllegalArgumentException("--api needs --token (or DESKSTREAM_TOKEN): the admin token, printed at "
                    + "start and kept in DATA_DIR/admin-token");
        }
        KafkaClientConfig kafkaClients = cluster.kafkaClients();
        SSLContext tls = tlsCa == null || tlsCa.toString().isBlank() ? null
                : PemTrust.trusting(PemTrust.certificates(tlsCa), false);
        if (api == null) {
            ClusterCheck.requireReachable(cluster.bootstrapServers, kafkaClients);
        }
        long lines = EventFileIngest.countLines(file);
        PrintStream out = System.out;
        long started = System.nanoTime();
        IngestSummary summary;
        try (ProgressBar bar = progressBar(lines)) {
            summary = api != null ? new ApiFileIngest(api, token.strip(), tls).ingest(file, bar::stepTo)
                    : toKafka(bar, kafkaClients, tls);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        report(out, summary, took);
        return 0;
    }

    private IngestSummary toKafka(ProgressBar bar, KafkaClientConfig kafkaClients, SSLContext tls) throws Exception {
        try (EventPublisher publisher = new EventPublisher(kafkaClients.connection(cluster.bootstrapServers),
                new ConfluentAvroSerializer<>(cluster.registryClient(tls)),
                new Topics(cluster.topicPrefix))) {
            return new EventFileIngest(new CanonicalEventParser(), publisher).ingest(file, bar::stepTo);
        }
    }

    private ProgressBar progressBar(long lines) {
        return new ProgressBarBuilder()
                .setTaskName("Ingesting " + file.getFileName())
                .setInitialMax(lines)
                .setUnit(" lines", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .build();
    }

    private static void report(PrintStream out, IngestSummary summary, Duration took) {
        double seconds = Math.max(took.toMillis(), 1) / 1000.0;
        out.printf("Sent %,d events in %.1f s (%,.0f events/s).%n", summary.sent(), seconds, summary.sent() / seconds);
        if (summary.refused().isEmpty()) {
            out.println("Refused no line.");
            return;
        }
        out.printf("Refused %,d lines, sent to the dead-letter topic:%n", summary.refused().size());
        for (Map.Entry<String, Long> reason : summary.refusedByReason().entrySet()) {
            out.printf("  %-28s %,d%n", reason.getKey(), reason.getValue());
        }
        summary.refused().stream().limit(LISTED_REFUSALS).forEach(line ->
                out.printf("  line %d: %s%n", line.lineNumber(), line.error()));
        if (summary.refused().size() > LISTED_REFUSALS) {
            out.printf("  ... and %d more%n", summary.refused().size() - LISTED_REFUSALS);
        }
    }
}
