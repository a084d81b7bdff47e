package io.deskstream.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import io.deskstream.schemas.output.ReportRow;
import io.deskstream.schemas.wire.ConfluentAvroDeserializer;
import io.deskstream.schemas.wire.PemTrust;
import io.deskstream.schemas.wire.SchemaRegistry;
import io.deskstream.schemas.wire.SchemaRegistryClient;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Exports the partitions of the report-rows topic it is given, one {@link PartitionExport} each. Records arrive as
 * bytes (keys as strings): the values are decoded here with the registry, so any Connect worker runs it with the
 * plain byte-array converter.
 */
public class ReportSinkTask extends SinkTask {

    private final Clock clock;
    private final SchemaRegistry registry;
    private final Map<TopicPartition, PartitionExport> exports = new HashMap<>();
    private ExportConfig config;
    private ExportLayout layout;
    private RowFiles files;
    private ExportMetrics metrics;
    private ConfluentAvroDeserializer<ReportRow> values;

    public ReportSinkTask() {
        this(Clock.systemUTC(), null);
    }

    /** @param registry the registry to decode with, or null for the one the configuration names */
    ReportSinkTask(Clock clock, SchemaRegistry registry) {
        this.clock = clock;
        this.registry = registry;
    }

    @Override
    public String version() {
        return ReportSinkConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> properties) {
        config = new ExportConfig(properties);
        layout = new ExportLayout(config.directory(), config.format());
        files = RowFiles.of(config);
        metrics = new ExportMetrics(config.format());
        values = new ConfluentAvroDeserializer<>(registry != null ? registry : registryClient(config), ReportRow.class);
    }

    private static SchemaRegistryClient registryClient(ExportConfig config) {
        List<Path> trusted = config.schemaRegistryTrustedCertificates();
        SSLContext tls = null;
        if (!trusted.isEmpty()) {
            List<X509Certificate> certificates = new ArrayList<>();
            try {
                trusted.forEach(file -> certificates.addAll(PemTrust.certificates(file)));
            } catch (IllegalArgumentException e) {
                throw new ConnectException(ExportConfig.SCHEMA_REGISTRY_TRUSTED_CERTIFICATES + ": " + e.getMessage(),
                        e);
            }
            tls = PemTrust.trusting(certificates, true);
        }
        return new SchemaRegistryClient(config.schemaRegistryUrl(), SchemaRegistryClient.Settings.defaults(),
                config.schemaRegistryUserInfo(), tls);
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            PartitionExport export = new PartitionExport(tp.topic(), tp.partition(), layout, files, config.closeDelay(),
                    config.retention(), config.revisionDaysInMemory(), raw -> values.deserialize(tp.topic(), raw));
            try {
                long next = export.recover();
                // The files are the truth: read again from just after what they hold, whatever Kafka committed.
                context.offset(tp, next);
            } catch (IOException e) {
                throw new ConnectException("cannot recover the export of " + tp + " from " + config.directory(), e);
            }
            exports.put(tp, export);
        }
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        partitions.forEach(exports::remove);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            PartitionExport export = exports.get(new TopicPartition(record.topic(), record.kafkaPartition()));
            if (export != null) {
                if (record.value() != null && !(record.value() instanceof byte[])) {
                    throw new ConnectException("the report sinks read raw record values: set value.converter="
                            + "org.apache.kafka.connect.converters.ByteArrayConverter (got a "
                            + record.value().getClass().getSimpleName() + ")");
                }
                export.add(record.kafkaOffset(), key(record.key()), (byte[]) record.value());
            }
        }
        var now = clock.instant();
        for (PartitionExport export : exports.values()) {
            closeHours(export, now);
            if (export.outgoingRows() >= config.rotateRows() || export.rotationDue(now, config.rotateInterval())) {
                flush(export);
            }
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        var now = clock.instant();
        Map<TopicPartition, OffsetAndMetadata> durable = new HashMap<>();
        exports.forEach((tp, export) -> {
            // Each commit writes what is waiting: the worker's commit interval is the longest a closed hour waits.
            closeHours(export, now);
            flush(export);
            durable.put(tp, new OffsetAndMetadata(export.committableOffset()));
        });
        return durable;
    }

    private static void closeHours(PartitionExport export, Instant now) {
        try {
            export.closeHours(now);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the export's revisions failed; it is retried from the last "
                    + "checkpoint", e);
        }
    }

    private void flush(PartitionExport export) {
        try {
            metrics.flushed(export.flush());
        } catch (IOException e) {
            throw new UncheckedIOException("writing the export failed; it is retried from the last checkpoint", e);
        }
    }

    private static String key(Object key) {
        if (key == null) {
            return null;
        }
        return key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : key.toString();
    }

    @Override
    public void stop() {
        exports.clear();
    }
}
