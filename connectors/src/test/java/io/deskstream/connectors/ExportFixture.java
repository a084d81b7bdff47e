package io.deskstream.connectors;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.deskstream.schemas.output.ReportRow;
import io.deskstream.schemas.wire.ConfluentAvroSerializer;
import io.deskstream.schemas.wire.InMemorySchemaRegistry;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** A sink task on partition 0 of report-rows, fed records written out in the tests, with a clock the test sets. */
final class ExportFixture {

    static final String TOPIC = "deskstream.report-rows";
    static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final InMemorySchemaRegistry registry;
    private final ConfluentAvroSerializer<ReportRow> serializer;
    private final Path directory;
    private final String format;
    private final List<SinkRecord> topic = new ArrayList<>();
    Instant now = Instant.parse("2026-11-02T00:00:00Z");
    ReportSinkTask task;
    final Map<TopicPartition, Long> seekedTo = new HashMap<>();

    ExportFixture(Path directory, String format) {
        this.directory = directory;
        this.format = format;
        this.registry = new InMemorySchemaRegistry();
        this.serializer = new ConfluentAvroSerializer<>(registry);
    }

    void start() {
        task = new ReportSinkTask(new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        }, registry);
        task.initialize(new Context());
        task.start(Map.of(ExportConfig.DIRECTORY, directory.toString(), ExportConfig.FORMAT, format,
                ExportConfig.SCHEMA_REGISTRY_URL, "http://unused", ExportConfig.CLOSE_DELAY, "1h"));
        task.open(List.of(PARTITION));
    }

    /** Appends a report row to the topic and hands it to the task, as Connect would. */
    void row(String bucket, String department, String channel, String agent, long replies) {
        task.put(List.of(append(bucket, department, channel, agent, replies)));
    }

    /** Appends a report row to the topic only. */
    SinkRecord append(String bucket, String department, String channel, String agent, long replies) {
        ReportRow row = new ReportRow();
        row.setBucket(Instant.parse(bucket));
        row.setDepartment(department);
        row.setChannel(channel);
        row.setAgent(agent);
        row.setReplies(replies);
        String key = bucket + "|" + department + "|" + channel + "|" + agent;
        SinkRecord record = new SinkRecord(TOPIC, 0, null, key.getBytes(StandardCharsets.UTF_8), null,
                serializer.serialize(TOPIC, row), topic.size());
        topic.add(record);
        return record;
    }

    /** An export of partition 0 beside the task's, writing with {@code files}, to break it where a test wants. */
    PartitionExport partitionExport(RowFiles files) {
        return new PartitionExport(TOPIC, 0, new ExportLayout(directory, RowFormat.valueOf(format.toUpperCase())), files,
                java.time.Duration.ofHours(1), java.time.Duration.ofDays(400), 8,
                raw -> new io.deskstream.schemas.wire.ConfluentAvroDeserializer<>(registry,
                ReportRow.class).deserialize(TOPIC, raw));
    }

    /** Shares this fixture's topic and registry with a task started again on the same directory. */
    ExportFixture restart() {
        ExportFixture again = new ExportFixture(this);
        again.start();
        return again;
    }

    private ExportFixture(ExportFixture before) {
        this.directory = before.directory;
        this.format = before.format;
        this.now = before.now;
        this.registry = before.registry;
        this.serializer = before.serializer;
        this.topic.addAll(before.topic);
    }

    /** Hands the task again every record from the offset it asked for, as Connect does after a restart. */
    void redeliver() {
        long from = seekedTo.getOrDefault(PARTITION, 0L);
        task.put(topic.subList((int) Math.min(from, topic.size()), topic.size()));
    }

    /** The topic's records from an offset, as (offset, key, value) for a {@link PartitionExport}. */
    Records records(long from) {
        return consumer -> topic.subList((int) Math.min(from, topic.size()), topic.size()).forEach(r ->
                consumer.add(r.kafkaOffset(), new String((byte[]) r.key(), StandardCharsets.UTF_8), (byte[]) r.value()));
    }

    interface Records {
        void forEach(Sink sink);
    }

    interface Sink {
        void add(long offset, String key, byte[] value);
    }

    long commit() {
        return task.preCommit(Map.of()).get(PARTITION).offset();
    }

    List<Map<String, Object>> query(String sql) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery(sql.replace("$PARQUET",
                     "read_parquet('" + directory + "/format=parquet/**/*.parquet', hive_partitioning=true)")
                     .replace("$CSV", "read_csv('" + directory + "/format=csv/**/*.csv', hive_partitioning=true, header=true)"))) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private final class Context implements SinkTaskContext {
        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {
            seekedTo.putAll(offsets);
        }

        @Override
        public void offset(TopicPartition tp, long offset) {
            seekedTo.put(tp, offset);
        }

        @Override
        public void timeout(long timeoutMs) {
        }

        @Override
        public Set<TopicPartition> assignment() {
            return Set.of(PARTITION);
        }

        @Override
        public void pause(TopicPartition... partitions) {
        }

        @Override
        public void resume(TopicPartition... partitions) {
        }

        @Override
        public void requestCommit() {
        }

        @Override
        public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
            return null;
        }
    }

}
