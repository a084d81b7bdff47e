package io.deskstream.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportConfigTest {

    @TempDir
    Path dir;

    private Map<String, String> valid() {
        Map<String, String> config = new HashMap<>();
        config.put(ExportConfig.DIRECTORY, dir.resolve("exports").toString());
        config.put(ExportConfig.FORMAT, "parquet");
        config.put(ExportConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:7070/schema-registry");
        return config;
    }

    @Test
    void defaultsToAnHourOfDelayAndZstd() {
        ExportConfig config = new ExportConfig(valid());
        assertThat(config.closeDelay()).isEqualTo(Duration.ofHours(1));
        assertThat(config.compression()).isEqualTo("zstd");
        assertThat(Files.isDirectory(dir.resolve("exports"))).isTrue();
    }

    @Test
    void keepsRevisionsForDeskstreamsDefaultRetentionWithEightDaysInMemory() {
        ExportConfig config = new ExportConfig(valid());
        assertThat(config.retention()).isEqualTo(Duration.ofDays(400));
        assertThat(config.revisionDaysInMemory()).isEqualTo(8);
    }

    @Test
    void aRetentionOfNoDaysIsRefusedNamingIt() {
        Map<String, String> config = valid();
        config.put(ExportConfig.RETENTION_DAYS, "0");
        assertThatThrownBy(() -> new ExportConfig(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(ExportConfig.RETENTION_DAYS);
    }

    @Test
    void takesTheRegistrysUserInfoAsAPasswordThatIsNeverShown() {
        assertThat(new ExportConfig(valid()).schemaRegistryUserInfo()).isNull();
        Map<String, String> config = valid();
        config.put(ExportConfig.SCHEMA_REGISTRY_USER_INFO, "admin:dsk_s3cret");
        ExportConfig withUserInfo = new ExportConfig(config);
        assertThat(withUserInfo.schemaRegistryUserInfo()).isEqualTo("admin:dsk_s3cret");
        assertThat(withUserInfo.values().toString()).doesNotContain("dsk_s3cret");
    }

    @Test
    void anHttpsRegistryIsTrustedWithTheJvmsTrustStoreAndTheCertificatesOfTheFilesGiven() {
        assertThat(new ExportConfig(valid()).schemaRegistryTrustedCertificates()).isEmpty();
        Map<String, String> config = valid();
        config.put(ExportConfig.SCHEMA_REGISTRY_TRUSTED_CERTIFICATES, "/etc/ca.pem, /etc/desk.pem");
        assertThat(new ExportConfig(config).schemaRegistryTrustedCertificates())
                .containsExactly(Path.of("/etc/ca.pem"), Path.of("/etc/desk.pem"));

        config.put(ExportConfig.SCHEMA_REGISTRY_TRUSTED_CERTIFICATES, dir.resolve("missing.pem").toString());
        ReportSinkTask task = new ReportSinkTask();
        assertThatThrownBy(() -> task.start(config))
                .isInstanceOf(org.apache.kafka.connect.errors.ConnectException.class)
                .hasMessageStartingWith(ExportConfig.SCHEMA_REGISTRY_TRUSTED_CERTIFICATES + ": cannot read "
                        + dir.resolve("missing.pem"));
    }

    @Test
    void aBadDelayIsRefusedNamingIt() {
        Map<String, String> config = valid();
        config.put(ExportConfig.CLOSE_DELAY, "soon");
        assertThatThrownBy(() -> new ExportConfig(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(ExportConfig.CLOSE_DELAY).hasMessageContaining("90s, 15m, 1h");
    }

    @Test
    void durationsAreWrittenInMillisecondsSecondsMinutesHoursDaysOrIso8601() {
        assertThat(ExportConfig.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(ExportConfig.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ExportConfig.parseDuration("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(ExportConfig.parseDuration("1H")).isEqualTo(Duration.ofHours(1));
        assertThat(ExportConfig.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(ExportConfig.parseDuration("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> ExportConfig.parseDuration("-5ms")).hasMessageContaining("\"-5ms\" is not a duration");
        assertThatThrownBy(() -> ExportConfig.parseDuration("5 weeks")).hasMessageContaining("250ms, 90s");
    }

    @Test
    void aBadFormatIsRefusedNamingIt() {
        Map<String, String> config = valid();
        config.put(ExportConfig.FORMAT, "xlsx");
        assertThatThrownBy(() -> new ExportConfig(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(ExportConfig.FORMAT);
    }

    @Test
    void aDirectoryThatCannotBeMadeIsRefusedNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Map<String, String> config = valid();
        config.put(ExportConfig.DIRECTORY, file.resolve("exports").toString());
        assertThatThrownBy(() -> new ExportConfig(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(ExportConfig.DIRECTORY);
    }

    @Test
    void theCsvConnectorRefusesToWriteParquet() {
        Map<String, String> config = valid();
        assertThatThrownBy(() -> new CsvReportSink().start(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("writes csv");
    }

    @Test
    void eachConnectorSetsItsFormat() {
        Map<String, String> config = valid();
        config.remove(ExportConfig.FORMAT);
        CsvReportSink csv = new CsvReportSink();
        csv.start(config);
        assertThat(csv.taskConfigs(1).get(0)).containsEntry(ExportConfig.FORMAT, "csv");
    }
}
