package io.deskstream.api.status;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the topology is behind its input: for every partition of the input topics, the end offset minus the offset
 * the application has committed. Zero everywhere means the report includes every event written so far. Committed
 * offsets belong to the whole application, so every instance gives the same answer.
 */
public final class ProcessingProgress {

    /**
     * One input topic.
     *
     * @param read records the application has processed and committed
     * @param lag  records written but not processed yet
     */
    public record TopicProgress(long read, long lag) {
    }

    private ProcessingProgress() {
    }

    /** Records not yet processed, summed over the input partitions. */
    public static long lag(Admin admin, String applicationId, List<String> inputTopics)
            throws ExecutionException, InterruptedException {
        return byTopic(admin, applicationId, inputTopics).values().stream().mapToLong(TopicProgress::lag).sum();
    }

    public static Map<String, TopicProgress> byTopic(Admin admin, String applicationId, List<String> inputTopics)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription topic : admin.describeTopics(inputTopics).allTopicNames().get().values()) {
            topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<String, TopicProgress> progress = new TreeMap<>();
        inputTopics.forEach(topic -> progress.put(topic, new TopicProgress(0, 0)));
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end :
                admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            long read = done == null ? 0 : done.offset();
            long lag = Math.max(0, end.getValue().offset() - read);
            progress.merge(end.getKey().topic(), new TopicProgress(read, lag),
                    (a, b) -> new TopicProgress(a.read() + b.read(), a.lag() + b.lag()));
        }
        return progress;
    }
}
