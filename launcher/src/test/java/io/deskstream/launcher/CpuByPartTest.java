package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.deskstream.launcher.CpuByPart.Part;
import io.deskstream.launcher.CpuByPart.Snapshot;
import org.junit.jupiter.api.Test;

/** The bench's split of CPU time by part of the process. */
class CpuByPartTest {

    @Test
    void threadsAreToldApartByTheNamesKafkaGivesThem() {
        assertThat(CpuByPart.partOf("deskstream.app-4f1c-StreamThread-1")).isEqualTo(Part.PROCESSING);
        assertThat(CpuByPart.partOf("deskstream.app-4f1c-GlobalStreamThread")).isEqualTo(Part.PROCESSING);
        assertThat(CpuByPart.partOf("kafka-producer-network-thread | deskstream.app-4f1c-StreamThread-1-producer"))
                .isEqualTo(Part.CLIENTS);
        assertThat(CpuByPart.partOf("data-plane-kafka-request-handler-0")).isEqualTo(Part.BROKER);
        assertThat(CpuByPart.partOf("main")).isEqualTo(Part.OTHER);
    }

    @Test
    void theJvmsShareIsTheProcessLessItsJavaThreads() {
        Snapshot before = new Snapshot(1_000, Map.of(1L, 100L, 2L, 50L), Map.of(1L, Part.PROCESSING, 2L, Part.BROKER), 0, 0);
        Snapshot after = new Snapshot(2_000, Map.of(1L, 600L, 2L, 150L, 3L, 100L),
                Map.of(1L, Part.PROCESSING, 2L, Part.BROKER, 3L, Part.CLIENTS), 0, 0);

        Map<Part, Long> used = CpuByPart.between(before, after);

        assertThat(used).containsEntry(Part.PROCESSING, 500L).containsEntry(Part.BROKER, 100L)
                .containsEntry(Part.CLIENTS, 100L).containsEntry(Part.OTHER, 0L).containsEntry(Part.JVM, 300L);
    }
}
