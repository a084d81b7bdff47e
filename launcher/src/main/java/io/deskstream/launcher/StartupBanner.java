package io.deskstream.launcher;

import java.io.PrintStream;

import io.deskstream.api.auth.AdminToken;
import io.deskstream.registry.RegistryAuth;

/** The lines that tell a user where everything is once deskstream runs. */
final class StartupBanner {

    private StartupBanner() {
    }

    static void print(PrintStream out, DeskstreamProcess process) {
        RuntimeSettings s = process.settings();
        out.println();
        out.println("deskstream is running.");
        row(out, "dashboard", process.httpUrl() + "/  (sign in with the admin token)");
        row(out, "HTTP API", process.httpUrl() + "/api/v1  (described at /api/v1/openapi.json)");
        row(out, "this instance", s.advertisedAddress() + "  (as other instances reach it)");
        boolean registryAuthAll = s.instance().registry().auth() == RegistryAuth.Scope.ALL;
        row(out, "schema registry", process.schemaRegistryUrl() + (!s.embeddedRegistry() ? ""
                : registryAuthAll ? "  (embedded; every request needs the admin token)"
                : "  (embedded; writes need the admin token)"));
        row(out, "Kafka", process.bootstrapServers() + (s.embeddedBroker() ? "  (embedded, KRaft)" : ""));
        row(out, "topics", s.topics().prefix() + "*  (" + s.topicLayout().partitions() + " partitions"
                + (process.createdTopics().isEmpty() ? "" : ", " + process.createdTopics().size() + " created now") + ")");
        row(out, "data dir", s.dataDir().toString());
        row(out, "exports", s.instance().exports().enabled()
                ? s.exportsDir() + "  (Parquet and CSV, hours written " + s.instance().exports().closeDelay().toMinutes()
                        + " min after they end)"
                : "off here");
        row(out, "report time zone", s.reportTimezone().getId());
        // The token is shown only when it was just made: one that is set or kept would otherwise end up in the logs
        // of whatever runs deskstream at every start.
        AdminToken token = process.adminToken();
        java.nio.file.Path file = s.dataDir().resolve(AdminToken.FILE_NAME);
        row(out, "admin token", switch (token.source()) {
            case CREATED -> token.token() + "  (new, kept in " + file + ")";
            case DATA_DIR -> "kept in " + file + "  (not shown)";
            case ENVIRONMENT -> "from " + AdminToken.ENVIRONMENT_VARIABLE + "  (not shown)";
        });
        String bearer = token.source() == AdminToken.Source.ENVIRONMENT ? "$" + AdminToken.ENVIRONMENT_VARIABLE
                : "$(cat " + shellQuoted(file.toString()) + ")";
        out.println();
        out.println("Ask the report:   curl -H \"Authorization: Bearer " + bearer + "\" "
                + process.httpUrl() + "/api/v1/reports/departments");
        boolean defaults = s.embeddedBroker() && s.kafkaPort() == 9092 && s.https() == null;
        out.println("Send events with: ./deskstream ingest FILE.jsonl"
                + (defaults ? "" : " --bootstrap-servers " + process.bootstrapServers()
                + " --schema-registry-url " + process.schemaRegistryUrl())
                + (s.https() == null ? "" : " --tls-ca " + s.https().trustedFiles().get(0))
                + (s.kafkaClients().file() == null ? "" : " --kafka-config " + s.kafkaClients().file())
                + (s.embeddedRegistry() && registryAuthAll
                        ? " --schema-registry-user-info \"" + DeskstreamProcess.REGISTRY_USER + ":" + bearer + "\"" : ""));
        out.println("Press Ctrl-C to stop.");
    }

    /** {@code text} in single quotes for a POSIX shell. */
    private static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf("  %-18s %s%n", label, value);
    }
}
