package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

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

    @Test
    void shouldOfferTheSimulatorOptionsOnDemo() {
        assertThat(help("demo", "--help").replaceAll("\\s+", " "))
                .contains("--rate", "default: 5", "--history-days", "default: 7", "--seed");
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
