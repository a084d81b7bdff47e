package io.deskstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class EventsToComeTest {

    private static byte[][] events(String... json) {
        byte[][] bytes = new byte[json.length][];
        for (int i = 0; i < json.length; i++) {
            bytes[i] = json[i].getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    private static String taken(EventsToCome.Held held, int index) {
        return new String(held.take(index), StandardCharsets.UTF_8);
    }

    @Test
    void aConversationWithinTheBudgetIsHeldInMemoryUntilEachEventIsTaken() {
        try (EventsToCome toCome = new EventsToCome(100)) {
            EventsToCome.Held chat = toCome.hold(events("{\"id\":\"e-1\"}", "{\"id\":\"e-2\"}"));

            assertThat(toCome.bytesInMemory()).isEqualTo(24);
            assertThat(taken(chat, 0)).isEqualTo("{\"id\":\"e-1\"}");
            assertThat(toCome.bytesInMemory()).isEqualTo(12);
            assertThat(taken(chat, 1)).isEqualTo("{\"id\":\"e-2\"}");
            assertThat(toCome.bytesInMemory()).isZero();
            assertThat(toCome.bytesOnFile()).isZero();
        }
    }

    @Test
    void conversationsBeyondTheBudgetWaitInTheFileAndComeBackTheSame() {
        try (EventsToCome toCome = new EventsToCome(30)) {
            EventsToCome.Held first = toCome.hold(events("{\"id\":\"e-1\"}", "{\"id\":\"e-2\"}"));
            EventsToCome.Held second = toCome.hold(events("{\"id\":\"e-3\",\"note\":\"žluťoučký\"}", "{}", "{\"id\":\"e-5\"}"));
            EventsToCome.Held third = toCome.hold(events("{\"id\":\"e-6\"}"));

            assertThat(toCome.bytesInMemory()).isEqualTo(24);
            assertThat(toCome.bytesOnFile()).isGreaterThan(0);
            assertThat(taken(third, 0)).isEqualTo("{\"id\":\"e-6\"}");
            assertThat(taken(second, 0)).isEqualTo("{\"id\":\"e-3\",\"note\":\"žluťoučký\"}");
            assertThat(taken(first, 0)).isEqualTo("{\"id\":\"e-1\"}");
            assertThat(taken(second, 1)).isEqualTo("{}");
            assertThat(taken(second, 2)).isEqualTo("{\"id\":\"e-5\"}");
            assertThat(taken(first, 1)).isEqualTo("{\"id\":\"e-2\"}");
        }
    }

    @Test
    void leavesNoFileBehindOnceClosed() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = simulationFiles(tmp);
        EventsToCome toCome = new EventsToCome(0);
        toCome.hold(events("{\"id\":\"e-1\"}"));

        toCome.close();

        assertThat(toCome.bytesOnFile()).isEqualTo(12);
        assertThat(simulationFiles(tmp)).isLessThanOrEqualTo(before);
    }

    private static long simulationFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("deskstream-simulation-")).count();
        }
    }
}
