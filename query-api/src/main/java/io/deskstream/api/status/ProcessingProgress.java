package io.deskstream.api.status;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the topology is behind the topics it reads: for every partition, the end offset minus the offset the
 * application has committed. For its input, zero everywhere means the report includes every event written so far.
 * Committed offsets belong to the whole application, so every instance gives the same answer. Each Admin call is
 * bounded by {@link #TIMEOUT}: with Kafka down the answer is Kafka's {@code TimeoutException}, not a long wait.
 */
public final class ProcessingProgress {

    /** The longest one Admin call waits for Kafka. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /**
     * One topic.
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
        int timeoutMs = (int) TIMEOUT.toMillis();
        var committedCall = admin.listConsumerGroupOffsets(applicationId,
                new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription topic : admin.describeTopics(inputTopics, new DescribeTopicsOptions().timeoutMs(timeoutMs))
                .allTopicNames().get().values()) {
            topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest, new ListOffsetsOptions().timeoutMs(timeoutMs)).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = committedCall.partitionsToOffsetAndMetadata().get();
        Map<String, TopicProgress> progress = new TreeMap<>();
        inputTopics.forEach(topic -> progress.put(topic, new TopicProgress(0, 0)));
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            long read = done == null ? 0 : done.offset();
            long lag = Math.max(0, end.getValue().offset() - read);
            progress.merge(end.getKey().topic(), new TopicProgress(read, lag),
                    (a, b) -> new TopicProgress(a.read() + b.read(), a.lag() + b.lag()));
        }
        return progress;
    }
}
