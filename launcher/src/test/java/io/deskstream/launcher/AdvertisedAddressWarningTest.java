package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;

import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.Test;

/**
 * An instance listening beyond its machine but advertising its loopback address cannot be reached by the others: the
 * start says so, and names the option that fixes it.
 */
class AdvertisedAddressWarningTest {

    private static RuntimeSettings listeningOn(String host) {
        return new RuntimeSettings(Path.of("data"), host, 7070, 9092, ZoneOffset.UTC, null, null,
                new TopicLayout(Topics.withDefaultPrefix(), 4, (short) 1, Duration.ofDays(30)));
    }

    @Test
    void listeningOnEveryInterfaceWithTheDefaultAdvertisedAddressIsWarnedAbout() {
        assertThat(listeningOn("0.0.0.0").advertisedAddressWarning())
                .contains("--http-host 0.0.0.0", "127.0.0.1:7070", "--advertised-address");
    }

    @Test
    void listeningOnLoopbackOrAdvertisingAnAddressIsFine() {
        assertThat(listeningOn("127.0.0.1").advertisedAddressWarning()).isNull();
        assertThat(listeningOn("0.0.0.0").with(InstanceSettings.defaults().withAdvertisedAddress("desk-1:7070"))
                .advertisedAddressWarning()).isNull();
    }
}
