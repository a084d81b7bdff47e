package io.deskstream.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.ToLongFunction;

import io.deskstream.topology.StoreNames;
import io.deskstream.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What the soak measures of a running deskstream at one moment: entries per state store (interactive queries, summed
 * over this instance's partitions), bytes on disk per RocksDB store, bytes per changelog and output topic on the
 * broker, and the heap in use after a full collection.
 */
final class SoakProbe {

    /** A state store of the topology, with the short label of the soak's table. */
    record Store(String name, String label, boolean rocksDb) {
    }

    static final List<Store> STORES = List.of(
            new Store(StoreNames.CONVERSATIONS, "conv", true),
            new Store(StoreNames.RATINGS, "rating", true),
            new Store(StoreNames.METRIC_CELLS, "mcell", true),
            new Store(StoreNames.REPORT_CELLS, "rcell", true),
            new Store(StoreNames.EVENT_IDS, "evids", true),
            new Store(StoreNames.EXPIRY_INDEX, "index", true),
            new Store(StoreNames.TICKET_STATUS, "status", false),
            new Store(StoreNames.CHANGED_HOURS, "hours", false),
            new Store(StoreNames.DEAD_LETTER_COUNTS, "dlc", false));

    /** The topics of the table: a changelog per RocksDB store, the in-memory stores' changelogs together, outputs. */
    static final List<String> TOPIC_LABELS = List.of("conv", "rating", "mcell", "rcell", "evids", "index", "mem",
            "rows", "shares");

    /**
     * @param entries    per store label: {@code approximateNumEntries}, an estimate for RocksDB stores, exact in memory
     * @param diskBytes  per RocksDB store label: the files under every task's {@code rocksdb/<store>/}
     * @param topicBytes per topic label ({@link #TOPIC_LABELS}): the broker's log size, summed over partitions
     * @param heapBytes  heap in use after {@code System.gc()}
     * @param gcMillis   how long that {@code System.gc()} took: a pause of every thread, punctuations included
     * @param counted    per RocksDB store label: the entries counted one by one (empty unless asked for)
     */
    record Figures(Map<String, Long> entries, Map<String, Long> diskBytes, Map<String, Long> topicBytes,
                   long heapBytes, long gcMillis, Map<String, Long> counted) {
    }

    private final KafkaStreams streams;
    private final Admin admin;
    private final Path applicationStateDir;
    private final Topics topics;

    SoakProbe(KafkaStreams streams, Admin admin, Path streamsDir, Topics topics) {
        this.streams = streams;
        this.admin = admin;
        this.applicationStateDir = streamsDir.resolve(topics.applicationId());
        this.topics = topics;
    }

    /** @param count also count the RocksDB stores' entries one by one: exact, a full read of each store */
    Figures measure(boolean count) throws Exception {
        Map<String, Long> entries = new LinkedHashMap<>();
        Map<String, Long> disk = new LinkedHashMap<>();
        Map<String, Long> counted = new LinkedHashMap<>();
        for (Store store : STORES) {
            entries.put(store.label(), approximateEntries(store.name()));
            if (store.rocksDb()) {
                disk.put(store.label(), rocksDbBytes(store.name()));
                if (count) {
                    counted.put(store.label(), countedEntries(store.name()));
                }
            }
        }
        Map<String, Long> topicBytes = topicBytes();
        long gcStart = System.nanoTime();
        System.gc();
        long gcMillis = (System.nanoTime() - gcStart) / 1_000_000;
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Figures(entries, disk, topicBytes, heap, gcMillis, counted);
    }

    private long approximateEntries(String store) throws InterruptedException {
        return queried(store, ReadOnlyKeyValueStore::approximateNumEntries);
    }

    /**
     * RocksDB's estimate ({@code rocksdb.estimate-num-keys}) counts a key once per write not yet compacted and takes
     * two off per delete, so a store with many updates and deletes, as these have, may be estimated at half or twice
     * its size; counting reads every entry (and decodes its value: Kafka Streams' queries do).
     */
    private long countedEntries(String store) throws InterruptedException {
        return queried(store, view -> {
            long count = 0;
            try (KeyValueIterator<Object, Object> all = view.all()) {
                while (all.hasNext()) {
                    all.next();
                    count++;
                }
            }
            return count;
        });
    }

    private long queried(String store, ToLongFunction<ReadOnlyKeyValueStore<Object, Object>> question)
            throws InterruptedException {
        // A store is briefly unavailable while the group rebalances or a task restores: ask again.
        for (int attempt = 1; ; attempt++) {
            try {
                ReadOnlyKeyValueStore<Object, Object> view = streams.store(
                        StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
                return question.applyAsLong(view);
            } catch (InvalidStateStoreException e) {
                if (attempt == 50) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** {@code streams/<application id>/<task>/rocksdb/<store>/}, every task of this instance; files come and go. */
    private long rocksDbBytes(String store) throws IOException {
        long total = 0;
        try (var tasks = Files.list(applicationStateDir)) {
            for (Path task : tasks.toList()) {
                total += treeBytes(task.resolve("rocksdb").resolve(store));
            }
        }
        return total;
    }

    private static long treeBytes(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        long[] total = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                total[0] += attributes.size();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // RocksDB deletes files of finished compactions while we walk.
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    private Map<String, Long> topicBytes() throws ExecutionException, InterruptedException {
        List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
        Map<String, Long> byTopic = new LinkedHashMap<>();
        for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
            for (LogDirDescription dir : dirs.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                    byTopic.merge(replica.getKey().topic(), replica.getValue().size(), Long::sum);
                }
            }
        }
        Map<String, Long> byLabel = new LinkedHashMap<>();
        for (Store store : STORES) {
            long bytes = byTopic.getOrDefault(changelog(store.name()), 0L);
            byLabel.merge(store.rocksDb() ? store.label() : "mem", bytes, Long::sum);
        }
        byLabel.put("rows", byTopic.getOrDefault(topics.reportRows(), 0L));
        byLabel.put("shares", byTopic.getOrDefault(topics.reportCellShares(), 0L));
        return byLabel;
    }

    /** Kafka Streams names a store's changelog after the application id and the store. */
    String changelog(String store) {
        return topics.applicationId() + "-" + store + "-changelog";
    }
}
