package io.deskstream.launcher;

import java.io.PrintStream;

import io.deskstream.api.auth.AdminToken;

/** The lines that tell a user where everything is once deskstream runs. */
final class StartupBanner {

    private StartupBanner() {
    }

    static void print(PrintStream out, DeskstreamProcess process) {
        RuntimeSettings s = process.settings();
        out.println();
        out.println("deskstream is running.");
        row(out, "dashboard", process.httpUrl() + "/  (sign in with the admin token below)");
        row(out, "HTTP API", process.httpUrl() + "/api/v1  (described at /api/v1/openapi.json)");
        row(out, "this instance", s.advertisedAddress() + "  (as other instances reach it)");
        row(out, "schema registry", process.schemaRegistryUrl() + (s.embeddedRegistry() ? "  (embedded)" : ""));
        row(out, "Kafka", process.bootstrapServers() + (s.embeddedBroker() ? "  (embedded, KRaft)" : ""));
        row(out, "topics", s.topics().prefix() + "*  (" + s.topicLayout().partitions() + " partitions"
                + (process.createdTopics().isEmpty() ? "" : ", " + process.createdTopics().size() + " created now") + ")");
        row(out, "data dir", s.dataDir().toString());
        row(out, "exports", s.instance().exports().enabled()
                ? s.exportsDir() + "  (Parquet and CSV, hours written " + s.instance().exports().closeDelay().toMinutes()
                        + " min after they end)"
                : "off here");
        row(out, "report time zone", s.reportTimezone().getId());
        AdminToken token = process.adminToken();
        row(out, "admin token", token.token() + "  (" + switch (token.source()) {
            case ENVIRONMENT -> "from " + AdminToken.ENVIRONMENT_VARIABLE;
            case DATA_DIR -> "kept in " + s.dataDir().resolve(AdminToken.FILE_NAME);
            case CREATED -> "new, kept in " + s.dataDir().resolve(AdminToken.FILE_NAME);
        } + ")");
        out.println();
        out.println("Ask the report:   curl -H 'Authorization: Bearer " + token.token() + "' "
                + process.httpUrl() + "/api/v1/reports/departments");
        boolean defaults = s.embeddedBroker() && s.kafkaPort() == 9092 && s.https() == null;
        out.println("Send events with: ./deskstream ingest FILE.jsonl"
                + (defaults ? "" : " --bootstrap-servers " + process.bootstrapServers()
                + " --schema-registry-url " + process.schemaRegistryUrl())
                + (s.https() == null ? "" : " --tls-ca " + s.https().trustedFiles().get(0))
                + (s.kafkaClients().file() == null ? "" : " --kafka-config " + s.kafkaClients().file()));
        out.println("Press Ctrl-C to stop.");
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf("  %-18s %s%n", label, value);
    }
}
