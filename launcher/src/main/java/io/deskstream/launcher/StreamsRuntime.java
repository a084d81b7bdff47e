package io.deskstream.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.deskstream.topology.DeskstreamTopology;
import io.deskstream.topology.TopologySettings;
import io.deskstream.topology.Topics;
import io.deskstream.topology.deadletter.PoisonRecordHandler;
import io.deskstream.topology.deadletter.UndecodableRecordHandler;
import io.deskstream.topology.TopicLayout;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.HostInfo;
import io.deskstream.api.cluster.AdvertisedAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs deskstream's topology on Kafka Streams: exactly once ({@code exactly_once_v2}), state under the data directory,
 * undecodable records to the dead-letter topic. Instances with the same application id share the partitions.
 */
final class StreamsRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRuntime.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final KafkaStreams streams;
    private final TopologyDescription description;

    private StreamsRuntime(KafkaStreams streams, TopologyDescription description) {
        this.streams = streams;
        this.description = description;
    }

    /**
     * @param clients           the Kafka client properties of {@code --kafka-config}, for every client of Streams
     * @param applicationServer this instance's HTTP {@code host:port} as the other instances reach it: Kafka Streams
     *                          tells every instance where each partition's state lives
     * @param standbyReplicas   warm copies of each store on other instances
     * @param commitInterval    how often a transaction commits and live state is written back for queries
     * @param session           how long the group waits for a silent instance before moving its tasks
     */
    static StreamsRuntime start(KafkaClientConfig clients, String bootstrapServers, TopologySettings settings,
                                Path stateDir, short replication, String applicationServer, int standbyReplicas,
                                Duration commitInterval, SessionTimeout session)
            throws InterruptedException {
        Topics topics = settings.topics();
        Properties props = clients.streams(bootstrapServers);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(topics));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replication);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        // The classic group protocol (group.protocol is left at its default): the session is the main consumer's.
        // Kafka's 45 s made the others wait that long after a kill -9 before taking this instance's tasks.
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) session.duration().toMillis());
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) session.heartbeat().toMillis());
        // Only the small counters go through the record cache; conversations and cells are live objects (LiveStore).
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 16L * 1024 * 1024);
        // Each commit is a transaction, and the moment live state is written back where queries read it: the interval
        // decides freshness, and how many repeated updates of a conversation or a cell a write-back absorbs.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        // Changelogs carry the event time; events may be up to a day ahead of the clock (events.md), and Kafka 4
        // refuses records more than an hour ahead unless the topic allows more.
        props.put(StreamsConfig.topicPrefix(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG),
                String.valueOf(TopicLayout.MAX_FUTURE_TIMESTAMP.toMillis()));
        // Changelogs are compacted, and compaction cleans only closed segments: with Kafka's defaults (1 GiB, 7 days)
        // the open segment of a changelog keeps a week of superseded values and of the tombstones expiry writes, so
        // its size follows the traffic of a week rather than the retained state. 64 MiB or a day, as report-rows
        // (TopicLayout). These apply to every internal topic Kafka Streams creates; the topology has no repartition
        // topics, whose own defaults (50 MiB, 10 minutes) this would otherwise replace.
        props.put(StreamsConfig.topicPrefix(TopicConfig.SEGMENT_BYTES_CONFIG),
                String.valueOf(TopicLayout.COMPACTED_SEGMENT_BYTES));
        props.put(StreamsConfig.topicPrefix(TopicConfig.SEGMENT_MS_CONFIG),
                String.valueOf(TopicLayout.COMPACTED_SEGMENT_TIME.toMillis()));
        // Changelog records are small and leave in bursts at each commit: bigger batches mean fewer produce requests,
        // and each one costs the broker a transaction check per partition.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        compressOutputs(props);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, UndecodableRecordHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, PoisonRecordHandler.class);
        props.put(UndecodableRecordHandler.DEAD_LETTER_TOPIC_CONFIG, topics.deadLetters());
        Topology topology = DeskstreamTopology.build(settings);
        KafkaStreams streams = new KafkaStreams(topology, props);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            LOG.info("topology {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                // After each rebalance: which tasks this instance now runs, so that a migration shows in the log.
                streams.metadataForLocalThreads().forEach(thread -> LOG.info("{}: active tasks {}, standby tasks {}",
                        thread.threadName(), taskIds(thread.activeTasks()), taskIds(thread.standbyTasks())));
                String shared = AdvertisedAddresses.sharedWith(streams, HostInfo.buildFromEndpoint(applicationServer));
                if (shared != null) {
                    LOG.error("{}; until then this instance is not ready", shared);
                }
                running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("a stream thread failed and is replaced: {}", e.toString(), e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
        streams.start();
        if (!running.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            LOG.warn("the topology is not running after {} s; it goes on starting (state {})",
                    START_TIMEOUT.toSeconds(), streams.state());
        }
        return new StreamsRuntime(streams, topology.describe());
    }

    /**
     * Compresses what the processing writes (changelogs, routing decisions, cell shares, report rows) with LZ4, unless
     * {@code --kafka-config} chose a {@code compression.type}: their values repeat field layouts and ids from record
     * to record, and LZ4 packs them to less than half at no measurable CPU (bench: 244-250 bytes written per event
     * uncompressed, 102-103 with LZ4, as fast).
     */
    static void compressOutputs(Properties props) {
        if (!props.containsKey(ProducerConfig.COMPRESSION_TYPE_CONFIG)
                && !props.containsKey(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG))) {
            props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        }
    }

    private static java.util.List<String> taskIds(java.util.Set<org.apache.kafka.streams.TaskMetadata> tasks) {
        return tasks.stream().map(task -> task.taskId().toString()).sorted().toList();
    }

    static String applicationId(Topics topics) {
        return topics.applicationId();
    }

    /** Stops processing (and punctuating) without leaving the group, until {@link #resume()}. */
    void pause() {
        streams.pause();
    }

    void resume() {
        streams.resume();
    }

    KafkaStreams streams() {
        return streams;
    }

    TopologyDescription description() {
        return description;
    }

    @Override
    public void close() {
        // Leaving the group hands the partitions over at once: a restart or another instance need not wait for the
        // session timeout (--session-timeout) to notice that this one is gone.
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
