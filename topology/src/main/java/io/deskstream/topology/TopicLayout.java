package io.deskstream.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics deskstream needs before it starts, with their partitions and settings. Creating them is the runtime's
 * job; this only says what they are.
 *
 * @param topics          the names
 * @param partitions      partitions of the keyed event and output topics; the unit of scale-out
 * @param replication     replication factor (1 on a single broker)
 * @param inputRetention  how long input events are kept on their topics (the state stores keep what the report
 *                        needs; the topics keep enough to replay)
 */
public record TopicLayout(Topics topics, int partitions, short replication, Duration inputRetention) {

    /**
     * Events may carry a {@code ts} up to a day after they are read (events.md); Kafka refuses records more than an
     * hour ahead unless the topic allows more.
     */
    public static final Duration MAX_FUTURE_TIMESTAMP = Duration.ofHours(25);

    /**
     * Segment size of the compacted topics that keep growing with the data: {@code report-rows} here, and the state
     * stores' changelogs (set in the runtime). Compaction cleans only closed segments, and with Kafka's defaults
     * (1 GiB, 7 days) a changelog's open segment keeps every superseded value and every tombstone of the week, so
     * what expiry forgets would stay on disk for a week or a gigabyte per partition. 64 MiB bounds the open segment
     * of a busy partition.
     */
    public static final int COMPACTED_SEGMENT_BYTES = 64 * 1024 * 1024;

    /**
     * Segment age of the same topics: a quiet partition's open segment is closed, and cleaned, after a day's worth of
     * records. Kafka measures it by the records' timestamps (a segment rolls when a record is this much newer than the
     * segment's first), which here are event times, about the clock in production.
     */
    public static final Duration COMPACTED_SEGMENT_TIME = Duration.ofDays(1);

    public TopicLayout {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (replication < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, got " + replication);
        }
    }

    /** The topic of one configured department's routing decisions. */
    public NewTopic departmentTopic(String departmentId) {
        return new NewTopic(topics.routedTicketsOf(departmentId), partitions, replication).configs(byEventTime());
    }

    /**
     * Records carry their event time, so retention counts from the event: a replay of history older than the
     * retention would be deleted at once, and a ts up to a day ahead must be accepted.
     */
    private Map<String, String> byEventTime() {
        return Map.of(
                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(inputRetention.toMillis()),
                TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, String.valueOf(MAX_FUTURE_TIMESTAMP.toMillis()));
    }

    public List<NewTopic> newTopics() {
        List<NewTopic> all = new ArrayList<>();
        Map<String, String> input = byEventTime();
        for (String topic : topics.inputEvents()) {
            all.add(new NewTopic(topic, partitions, replication).configs(input));
        }
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        for (String topic : topics.configuration()) {
            all.add(new NewTopic(topic, 1, replication).configs(compacted));
        }
        all.add(new NewTopic(topics.deadLetters(), 1, replication).configs(input));
        all.add(new NewTopic(topics.routedTickets(), partitions, replication).configs(input));
        Map<String, String> compactedGrowing = Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(COMPACTED_SEGMENT_BYTES),
                TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(COMPACTED_SEGMENT_TIME.toMillis()));
        all.add(new NewTopic(topics.reportRows(), partitions, replication).configs(compactedGrowing));
        all.add(new NewTopic(topics.reportCellShares(), partitions, replication).configs(input));
        return all;
    }
}
