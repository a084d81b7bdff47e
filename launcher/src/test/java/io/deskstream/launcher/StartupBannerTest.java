package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;

import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin token is printed only when it was just made: a token that comes from {@code DESKSTREAM_ADMIN_TOKEN} or
 * from the data directory would otherwise end up in the logs of whatever runs deskstream. The banner then says where
 * the token is instead.
 */
class StartupBannerTest {

    @TempDir
    Path dataDir;

    private RuntimeSettings settings(String environmentToken) {
        return new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(), ZoneOffset.UTC, null,
                null, new TopicLayout(Topics.withDefaultPrefix(), 1, (short) 1, Duration.ofDays(30)))
                .with(InstanceSettings.defaults().withAdminToken(environmentToken));
    }

    private static String banner(RuntimeSettings settings) throws Exception {
        try (DeskstreamProcess process = DeskstreamProcess.start(settings, false)) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            StartupBanner.print(new PrintStream(printed, true, StandardCharsets.UTF_8), process);
            return printed.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void theTokenIsPrintedWhenItWasJustMadeAndNeverAgain() throws Exception {
        String first = banner(settings(null));
        String token = Files.readString(dataDir.resolve("admin-token")).strip();
        assertThat(first).contains("admin token        " + token + "  (new, kept in " + dataDir.resolve("admin-token"));

        String restarted = banner(settings(null));
        assertThat(restarted).doesNotContain(token)
                .contains("admin token        kept in " + dataDir.resolve("admin-token") + "  (not shown)")
                .contains("Bearer $(cat '" + dataDir.resolve("admin-token") + "')");
    }

    @Test
    void aTokenFromTheEnvironmentIsNeverPrinted() throws Exception {
        String banner = banner(settings("env-secret-never-printed"));
        assertThat(banner).doesNotContain("env-secret-never-printed")
                .contains("admin token        from DESKSTREAM_ADMIN_TOKEN  (not shown)")
                .contains("Bearer $DESKSTREAM_ADMIN_TOKEN");
        assertThat(dataDir.resolve("admin-token")).doesNotExist();
    }
}
