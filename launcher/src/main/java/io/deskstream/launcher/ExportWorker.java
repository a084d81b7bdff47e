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

    private ExportWorker(Connect<StandaloneHerder> connect) {
        this.connect = connect;
    }

    /**
     * @param clients        the Kafka client properties of {@code --kafka-config}, for the worker's and its tasks'
     *                       clients
     * @param registryTrust  PEM files of further certificates an https registry is trusted with, besides the JVM's
     *                       trust store
     * @param commitInterval how often the sinks write what is waiting and commit: the longest a closed hour waits
     */
    static ExportWorker start(KafkaClientConfig clients, String bootstrapServers, String schemaRegistryUrl,
                              List<Path> registryTrust, String reportRowsTopic, Path dataDir, Path exportsDir,
                              Duration closeDelay, Duration commitInterval)
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
        worker.put("offset.flush.interval.ms", String.valueOf(commitInterval.toMillis()));
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
                connector.put(ExportConfig.CLOSE_DELAY, closeDelay.toSeconds() + "s");
                connector.put(ExportConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
                if (!registryTrust.isEmpty()) {
                    connector.put(ExportConfig.SCHEMA_REGISTRY_TRUSTED_CERTIFICATES, registryTrust.stream()
                            .map(Path::toString).collect(java.util.stream.Collectors.joining(",")));
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
