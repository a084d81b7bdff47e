package io.deskstream.api.cluster;

import java.util.HashSet;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Finds another instance advertising this instance's address. Kafka Streams keeps one entry of metadata per advertised
 * address, so two instances advertising the same one are merged into it: it then lists partitions that this instance
 * does not run. Queries would be sent to one of them for the other's partitions, and never be complete.
 */
public final class AdvertisedAddresses {

    private AdvertisedAddresses() {
    }

    /** Why this instance's address is shared, or null when it is not (or while the group is rebalancing). */
    public static String sharedWith(KafkaStreams streams, HostInfo self) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return null;
        }
        Set<TopicPartition> local = new HashSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            thread.activeTasks().forEach(task -> local.addAll(task.topicPartitions()));
            thread.standbyTasks().forEach(task -> local.addAll(task.topicPartitions()));
        }
        for (StreamsMetadata client : streams.metadataForAllStreamsClients()) {
            if (client.hostInfo().equals(self)) {
                Set<TopicPartition> advertised = new HashSet<>(client.topicPartitions());
                advertised.addAll(client.standbyTopicPartitions());
                if (!local.containsAll(advertised)) {
                    return "another instance advertises this instance's address " + self.host() + ":" + self.port()
                            + ": set a distinct --advertised-address on each instance (the address the others reach "
                            + "it at)";
                }
            }
        }
        return null;
    }
}
