package io.deskstream.launcher;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * What was written to some topics at one moment (their end offsets then), to tell when a consumer group has
 * processed all of it: "fresh again after a restart" means everything written before the restart has gone through.
 */
record FreshnessMark(Map<TopicPartition, Long> ends) {

    /**
     * The ends of {@code topics} now. For transactional topics, the committed end (the last stable offset): what a
     * read_committed consumer can reach.
     */
    static FreshnessMark of(Admin admin, List<String> topics, boolean transactional) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(20, TimeUnit.SECONDS).values()) {
            topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()),
                    OffsetSpec.latest()));
        }
        ListOffsetsOptions options = new ListOffsetsOptions(transactional ? IsolationLevel.READ_COMMITTED
                : IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, options).all().get(20, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return new FreshnessMark(Map.copyOf(ends));
    }

    /**
     * Whether {@code group} has committed every partition up to the mark, give or take {@code markers} offsets: a
     * sink connector commits the offset after the last record it wrote, which on a transactional topic stops short of
     * the commit marker that follows it (the marker has an offset, but is no record).
     */
    boolean reachedBy(Admin admin, String group, int markers) throws Exception {
        return behind(admin, group, markers) == 0;
    }

    /** How many offsets {@code group} has still to commit to reach the mark, summed over its partitions. */
    long behind(Admin admin, String group, int markers) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(20, TimeUnit.SECONDS);
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            long reached = done == null ? 0 : done.offset();
            behind += Math.max(0, end.getValue() - markers - reached);
        }
        return behind;
    }

    /** The records written up to the mark, summed over its partitions. */
    long records() {
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }
}
