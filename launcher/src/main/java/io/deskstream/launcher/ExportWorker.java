package io.deskstream.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.deskstream.api.status.ExportState;
import io.deskstream.connectors.CsvReportSink;
import io.deskstream.connectors.ExportConfig;
import io.deskstream.connectors.ExportProgress;
import io.deskstream.connectors.ParquetReportSink;
import io.deskstream.connectors.ReportSinkConnector;
import io.deskstream.connectors.RowFormat;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export, run in the process: an embedded Kafka Connect worker (Kafka's own {@code connect-runtime}, standalone
 * mode, offsets in the data dir) with the Parquet and CSV report sinks, writing under the exports directory.
 */
final class ExportWorker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(ExportWorker.class);

    /** The connectors it runs: the export to each format. */
    private static final Map<RowFormat, Class<? extends ReportSinkConnector>> SINKS = Map.of(
            RowFormat.PARQUET, ParquetReportSink.class, RowFormat.CSV, CsvReportSink.class);

    private final Connect<StandaloneHerder> connect;
    private final Path exportsDir;

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

    private ExportWorker(Connect<StandaloneHerder> connect, Path exportsDir) {
        this.connect = connect;
        this.exportsDir = exportsDir;
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
        ExportWorker running = new ExportWorker(connect, exportsDir);
        try {
            for (RowFormat format : RowFormat.values()) {
                Map<String, String> connector = new HashMap<>();
                connector.put("name", connectorName(format));
                connector.put("connector.class", SINKS.get(format).getName());
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

    /** {@code deskstream-parquet-export}, {@code deskstream-csv-export}. */
    private static String connectorName(RowFormat format) {
        return "deskstream-" + format.extension() + "-export";
    }

    /**
     * Each connector and its tasks as the worker has them now, and the newest hour it has closed (from the export's
     * own state in the exports directory).
     */
    List<ExportState.Connector> connectors() {
        List<ExportState.Connector> connectors = new ArrayList<>();
        for (RowFormat format : RowFormat.values()) {
            String name = connectorName(format);
            ConnectorStateInfo status;
            try {
                status = connect.herder().connectorStatus(name);
            } catch (NotFoundException notCreatedYet) {
                continue;
            }
            List<ExportState.Task> tasks = new ArrayList<>();
            for (ConnectorStateInfo.TaskState task : status.tasks()) {
                tasks.add(new ExportState.Task(task.id(), task.state(), ConnectTrace.summary(task.trace())));
            }
            connectors.add(new ExportState.Connector(name, format.extension(), status.connector().state(),
                    ConnectTrace.summary(status.connector().trace()), tasks, newestHourClosed(format)));
        }
        return connectors;
    }

    private Instant newestHourClosed(RowFormat format) {
        try {
            return ExportProgress.newestHourClosed(exportsDir, format).orElse(null);
        } catch (IOException e) {
            LOG.warn("cannot read the {} export's state in {}: {}", format.extension(), exportsDir, e.toString());
            return null;
        }
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
