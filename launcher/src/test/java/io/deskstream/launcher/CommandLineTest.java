package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CommandLineTest {

    private static String help(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Deskstream.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.execute(args);
        return out.toString();
    }

    @Test
    void shouldListEveryCommand() {
        assertThat(help("--help")).contains("demo", "run", "ingest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "run"})
    void shouldShowEveryOptionOfApiMdWithItsDefaultAndEnvironmentVariable(String command) {
        String help = help(command, "--help").replaceAll("\\s+", " ");

        assertThat(help).contains("--data-dir", "DESKSTREAM_DATA_DIR", "default: ./data")
                .contains("--http-port", "DESKSTREAM_HTTP_PORT", "default: 7070")
                .contains("--kafka-port", "DESKSTREAM_KAFKA_PORT", "default: 9092")
                .contains("--report-timezone", "DESKSTREAM_REPORT_TIMEZONE", "default: UTC")
                .contains("--bootstrap-servers", "DESKSTREAM_BOOTSTRAP_SERVERS")
                .contains("--schema-registry-url", "DESKSTREAM_SCHEMA_REGISTRY_URL")
                .contains("--kafka-config", "DESKSTREAM_KAFKA_CONFIG")
                .contains("--tls-cert", "DESKSTREAM_TLS_CERT", "--tls-key", "DESKSTREAM_TLS_KEY")
                .contains("--tls-ca", "DESKSTREAM_TLS_CA");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "run"})
    void shouldShowTheRegistryAccessOptionsWithTheirDefaultsAndEnvironmentVariables(String command) {
        String help = help(command, "--help").replaceAll("\\s+", " ");

        assertThat(help).contains("--registry-auth", "DESKSTREAM_REGISTRY_AUTH", "default: writes")
                .contains("--schema-registry-user-info", "DESKSTREAM_SCHEMA_REGISTRY_USER_INFO");
        assertThat(help("ingest", "--help").replaceAll("\\s+", " "))
                .contains("--schema-registry-user-info", "DESKSTREAM_SCHEMA_REGISTRY_USER_INFO");
    }

    @Test
    void shouldRefuseARegistryAuthOtherThanWritesOrAll() {
        StringWriter err = new StringWriter();
        CommandLine cli = Deskstream.commandLine();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("run", "--registry-auth", "reads");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--registry-auth").contains("writes or all");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "run"})
    void shouldShowTheApiMemoryLimitsWithTheirDefaultsAndEnvironmentVariables(String command) {
        assertThat(help(command, "--help").replaceAll("\\s+", " "))
                .contains("--max-events-in-flight", "DESKSTREAM_MAX_EVENTS_IN_FLIGHT", "default: 128MiB")
                .contains("--max-report-rows", "DESKSTREAM_MAX_REPORT_ROWS", "default: 20000");
    }

    @Test
    void shouldReadTheApiMemoryLimits() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--max-events-body", "1MiB", "--max-events-in-flight", "3MiB",
                "--max-report-rows", "500");
        InstanceSettings instance = RuntimeSettings.from(run.options).instance();
        assertThat(instance.maxEventsInFlightBytes()).isEqualTo(3L * 1024 * 1024);
        assertThat(instance.maxReportRows()).isEqualTo(500);
    }

    @Test
    void shouldRefuseLessInFlightThanOneBody() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--max-events-body", "64MiB", "--max-events-in-flight", "32MiB");
        assertThatThrownBy(() -> RuntimeSettings.from(run.options))
                .hasMessageContaining("--max-events-in-flight").hasMessageContaining("at least --max-events-body");
    }

    @Test
    void shouldRefuseAReportRowLimitUnderOne() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--max-report-rows", "0");
        assertThatThrownBy(() -> RuntimeSettings.from(run.options)).hasMessageContaining("--max-report-rows");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "run"})
    void shouldShowTheCommitIntervalWithItsDefaultAndEnvironmentVariable(String command) {
        assertThat(help(command, "--help").replaceAll("\\s+", " "))
                .contains("--commit-interval", "DESKSTREAM_COMMIT_INTERVAL", "default: 200ms");
    }

    @Test
    void shouldReadTheCommitInterval() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--commit-interval", "1s");
        assertThat(RuntimeSettings.from(run.options).processing().commitInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5ms", "2m"})
    void shouldRefuseACommitIntervalOutsideTenMillisecondsToAMinute(String interval) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--commit-interval", interval);
        assertThatThrownBy(() -> RuntimeSettings.from(run.options))
                .hasMessageContaining("--commit-interval must be from 10ms to 1m");
    }

    @Test
    void shouldOfferTheMeasuringCommands() {
        assertThat(help("--help")).contains("bench", "bench-freshness", "bench-report", "soak");
        assertThat(help("bench-freshness", "--help").replaceAll("\\s+", " "))
                .contains("--rate", "default: 10000", "--duration", "default: 120s", "--commit-interval");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "run"})
    void shouldShowTheSessionTimeoutWithItsDefaultAndEnvironmentVariable(String command) {
        assertThat(help(command, "--help").replaceAll("\\s+", " "))
                .contains("--session-timeout", "DESKSTREAM_SESSION_TIMEOUT", "default: 10s");
    }

    @Test
    void shouldTakeASessionTimeoutWithAHeartbeatEveryThirdOfIt() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--session-timeout", "15s");
        SessionTimeout session = RuntimeSettings.from(run.options).instance().sessionTimeout();
        assertThat(session.duration()).isEqualTo(java.time.Duration.ofSeconds(15));
        assertThat(session.heartbeat()).isEqualTo(java.time.Duration.ofSeconds(5));
    }

    @Test
    void shouldDefaultToATenSecondSession() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs();
        assertThat(RuntimeSettings.from(run.options).instance().sessionTimeout().duration())
                .isEqualTo(java.time.Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5s", "0s", "31m"})
    void shouldRefuseASessionTimeoutKafkaBrokersRefuse(String value) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--session-timeout", value);
        assertThatThrownBy(() -> RuntimeSettings.from(run.options))
                .hasMessage("--session-timeout must be between 6s and 30m (what Kafka brokers accept by default: "
                        + "group.min.session.timeout.ms and group.max.session.timeout.ms), got " + value);
    }

    @Test
    void shouldRefuseASessionTimeoutThatIsNotADuration() {
        StringWriter err = new StringWriter();
        CommandLine cli = Deskstream.commandLine();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("run", "--session-timeout", "ten");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--session-timeout").contains("is not a duration such as");
    }

    @Test
    void shouldOfferTheSimulatorOptionsOnDemo() {
        assertThat(help("demo", "--help").replaceAll("\\s+", " "))
                .contains("--rate", "default: 5", "--history-days", "default: 2", "--seed");
    }

    @Test
    void shouldRefuseAnUnknownOptionNamingIt() {
        StringWriter err = new StringWriter();
        CommandLine cli = Deskstream.commandLine();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("run", "--kafka-prot", "9092");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--kafka-prot");
    }
}
