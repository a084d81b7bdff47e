package io.deskstream.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LocalPortsTest {

    @Test
    void aProcessIsNeverHandedTheSamePortTwiceBeforeBindingIt() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            assertThat(ports.add(LocalPorts.free())).as("port %d handed out again", i).isTrue();
            int pair = LocalPorts.freePair();
            assertThat(ports.add(pair)).isTrue();
            assertThat(ports.add(pair + 1)).isTrue();
        }
    }
}
