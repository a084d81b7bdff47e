package io.deskstream.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.deskstream.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The soak's compressed time, applied to the compacted topics that grow with the data (the changelogs and
 * {@code report-rows}).
 *
 * <p>In production their segments roll after a day ({@code segment.ms}), measured by the records' timestamps, which
 * are event times, about the clock; and tombstones stay a day after compaction ({@code delete.retention.ms}, wall
 * clock). In a soak a simulated day lasts about a second: event times run ahead of the clock by months, while the
 * records written at a commit after a punctuation carry the wall clock. A segment that starts with such a record never
 * gets a record a day newer, so it never rolls by time, nothing is compacted, and every tombstone stays. To see what
 * production sees, the soak compresses these settings as it compresses the days: the broker stamps the records when
 * it appends them ({@code LogAppendTime}), and segments roll, and tombstones go, after one simulated day of wall clock.
 * The segment size (64 MiB) is left as it is.
 */
final class SoakTopicTime {

    private SoakTopicTime() {
    }

    /** The topics it applies to: every changelog of the application, and report-rows. */
    static List<String> growingCompactedTopics(Admin admin, Topics topics) throws Exception {
        String changelogPrefix = topics.applicationId() + "-";
        List<String> chosen = new ArrayList<>();
        for (String name : admin.listTopics().names().get()) {
            if (name.startsWith(changelogPrefix) && name.endsWith("-changelog")) {
                chosen.add(name);
            }
        }
        chosen.add(topics.reportRows());
        chosen.sort(null);
        return chosen;
    }

    /** Stamps records on append, and sets {@code segment.ms} and {@code delete.retention.ms} to {@code day}. */
    static void compress(Admin admin, Collection<String> topicNames, Duration day) throws Exception {
        List<AlterConfigOp> ops = List.of(
                set(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"),
                set(TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(day.toMillis())),
                set(TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(day.toMillis())));
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        for (String topic : topicNames) {
            changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops);
        }
        admin.incrementalAlterConfigs(changes).all().get();
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }
}
