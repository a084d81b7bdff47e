package io.deskstream.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.deskstream.connectors.CsvReportSink;
import io.deskstream.connectors.ExportConfig;
import io.deskstream.connectors.ParquetReportSink;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * The export, run in the process: an embedded Kafka Connect worker (Kafka's own {@code connect-runtime}, standalone
 * mode, offsets in the data dir) with the Parquet and CSV report sinks, writing under the exports directory.
 */
final class ExportWorker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Connect<StandaloneHerder> connect;

    /**
     * The schema registry the sinks read the report rows' schemas from.
     *
     * @param url                 its base URL
     * @param userInfo            {@code USER:PASSWORD} the sinks send to it when they read schemas, or null
     * @param trustedCertificates PEM files of further certificates an https registry is trusted with, besides the
     *                            JVM's trust store
     */
    record Registry(String url, String userInfo, List<Path> trustedCertificates) {

        Registry {
            trustedCertificates = List.copyOf(trustedCertificates);
        }
    }

    /**
     * When the sinks write.
     *
     * @param closeDelay     how long after its end an hour is written
     * @param commitInterval how often the sinks write what is waiting and commit: the longest a closed hour waits
     * @param retention      deskstream's: older hours no longer change, and the sinks forget what they wrote of them
     */
    record Timing(Duration closeDelay, Duration commitInterval, Duration retention) {
    }

    private ExportWorker(Connect<StandaloneHerder> connect) {
        this.connect = connect;
    }

    /**
     * @param clients          the Kafka client properties of {@code --kafka-config}, for the worker's and its tasks'
     *                         clients
     * @param registry         the registry the sinks read schemas from, and how they reach it
     * @param timing           when hours are written and committed, and how long they can still change
     */
    static ExportWorker start(KafkaClientConfig clients, String bootstrapServers, Registry registry,
                              String reportRowsTopic, Path dataDir, Path exportsDir, Timing timing)
            throws InterruptedException {
        Path state = dataDir.resolve("connect");
        try {
            Files.createDirectories(state);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create " + state + ": " + e.getMessage(), e);
        }
        Map<String, String> worker = clients.connectWorker(bootstrapServers);
        worker.put("key.converter", StringConverter.class.getName());
        worker.put("value.converter", ByteArrayConverter.class.getName());
        worker.put("offset.storage.file.filename", state.resolve("standalone.offsets").toString());
        worker.put("offset.flush.interval.ms", String.valueOf(timing.commitInterval().toMillis()));
        // The report rows are written in Kafka transactions (exactly once): read only what was committed.
        worker.put("consumer.isolation.level", "read_committed");
        worker.put("plugin.discovery", "service_load");
        worker.put("listeners", "http://127.0.0.1:0");
        Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(worker);
        ExportWorker running = new ExportWorker(connect);
        try {
            for (Class<?> sink : new Class<?>[]{ParquetReportSink.class, CsvReportSink.class}) {
                Map<String, String> connector = new HashMap<>();
                connector.put("name", "deskstream-" + sink.getSimpleName().replace("ReportSink", "").toLowerCase() + "-export");
                connector.put("connector.class", sink.getName());
                connector.put("tasks.max", "1");
                connector.put("topics", reportRowsTopic);
                connector.put(ExportConfig.DIRECTORY, exportsDir.toString());
                connector.put(ExportConfig.CLOSE_DELAY, timing.closeDelay().toSeconds() + "s");
                connector.put(ExportConfig.RETENTION_DAYS, String.valueOf(timing.retention().toDays()));
                connector.put(ExportConfig.SCHEMA_REGISTRY_URL, registry.url());
                if (registry.userInfo() != null) {
                    connector.put(ExportConfig.SCHEMA_REGISTRY_USER_INFO, registry.userInfo());
                }
                if (!registry.trustedCertificates().isEmpty()) {
                    connector.put(ExportConfig.SCHEMA_REGISTRY_TRUSTED_CERTIFICATES, registry.trustedCertificates()
                            .stream().map(Path::toString).collect(java.util.stream.Collectors.joining(",")));
                }
                FutureCallback<Object> created = new FutureCallback<>();
                connect.herder().putConnectorConfig(connector.get("name"), connector, true, (error, result) ->
                        created.onCompletion(error, result));
                created.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            running.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("the export connectors did not start: " + cause.getMessage(), cause);
        }
        return running;
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
