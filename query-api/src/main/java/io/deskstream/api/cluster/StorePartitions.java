package io.deskstream.api.cluster;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.deskstream.api.ApiError;
import io.deskstream.api.Dependency;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Which partitions a store has and which of them this instance holds. A store belongs to one sub-topology; it has one
 * partition per partition of that sub-topology's source topics, and an instance holds the partitions of the active
 * tasks its threads run.
 */
public final class StorePartitions {

    private static final long TIMEOUT_SECONDS = 10;

    private final LiveTopology topology;
    private final Admin admin;
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    public StorePartitions(LiveTopology topology, Admin admin) {
        this.topology = topology;
        this.admin = admin;
    }

    /** The partitions of {@code store} that this instance's threads run as active tasks now. */
    public Set<Integer> local(String store) {
        TopologyDescription.Subtopology home = subtopologyOf(store);
        Set<Integer> partitions = new TreeSet<>();
        topology.streams().metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task -> {
            TaskId id = task.taskId();
            if (id.subtopology() == home.id()) {
                partitions.add(id.partition());
            }
        }));
        return partitions;
    }

    /** How many partitions {@code store} has: Kafka Streams cannot change this while it runs, so it is asked once. */
    public int count(String store) {
        return counts.computeIfAbsent(store, name -> {
            Set<String> sources = sourcesOf(subtopologyOf(name));
            try {
                return admin.describeTopics(sources).allTopicNames().get(TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)
                        .values().stream().mapToInt(topic -> topic.partitions().size()).max().orElseThrow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ApiError.unavailable("interrupted while asking Kafka about " + sources);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw ApiError.dependencyUnavailable(Dependency.KAFKA, "Kafka did not describe " + sources + ": "
                        + e.getMessage());
            }
        });
    }

    private TopologyDescription.Subtopology subtopologyOf(String store) {
        for (TopologyDescription.Subtopology sub : topology.description().subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Processor processor && processor.stores().contains(store)) {
                    return sub;
                }
            }
        }
        throw new IllegalArgumentException("no sub-topology keeps a store named " + store);
    }

    private static Set<String> sourcesOf(TopologyDescription.Subtopology sub) {
        Set<String> topics = new TreeSet<>();
        for (TopologyDescription.Node node : sub.nodes()) {
            if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                topics.addAll(source.topicSet());
            }
        }
        return topics;
    }
}
