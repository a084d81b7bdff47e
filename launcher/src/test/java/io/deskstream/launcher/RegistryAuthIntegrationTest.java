package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.registry.RegistryAuth;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded schema registry on deskstream's public HTTP port: writes need the admin token, sent as Confluent's
 * clients send {@code basic.auth.user.info=USER:TOKEN} or as a bearer token; reads stay open unless
 * {@code --registry-auth all}, and deskstream's own clients — the topology, the API's writers, the export's sinks,
 * {@code ingest} with {@code --schema-registry-user-info} — go on working either way.
 */
class RegistryAuthIntegrationTest {

    private static final String TOKEN = "admin-secret-for-the-registry";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SCHEMA = ApiClient.JSON.createObjectNode().put("schema",
            "{\"type\": \"record\", \"name\": \"Thing\", \"namespace\": \"test\", \"fields\": [{\"name\": \"a\", \"type\": \"string\"}]}")
            .toString();

    @TempDir
    Path dataDir;

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(String method, String url, String body, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"deskstream schema registry\"");
        JsonNode error = ApiClient.JSON.readTree(answer.body());
        assertThat(error.path("error_code").asInt()).isEqualTo(40101);
        assertThat(error.path("message").asText()).isNotBlank();
    }

    @Test
    void theEmbeddedRegistryTakesWritesOnlyWithTheAdminTokenAndServesReadsToAnyone() throws Exception {
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(Topics.withDefaultPrefix(), 1, (short) 1, Duration.ofDays(30)))
                .with(InstanceSettings.defaults().withAdminToken(TOKEN));
        try (DeskstreamProcess process = DeskstreamProcess.start(settings, false)) {
            String registry = process.schemaRegistryUrl();
            String register = registry + "/subjects/things-value/versions";

            assertRefused(send("POST", register, SCHEMA, null));
            assertRefused(send("POST", register, SCHEMA, basic("admin:not-the-token")));
            assertRefused(send("POST", register, SCHEMA, "Bearer not-the-token"));
            assertRefused(send("POST", register, SCHEMA, basic(TOKEN)));
            assertRefused(send("PUT", registry + "/config", "{\"compatibility\": \"NONE\"}", null));
            assertRefused(send("PUT", registry + "/config/things-value", "{\"compatibility\": \"NONE\"}", null));
            assertThat(send("GET", registry + "/subjects", null, null).body()).doesNotContain("things-value");

            // As Confluent's client sends basic.auth.user.info=USER:TOKEN: any user name, the token as password.
            HttpResponse<String> registered = send("POST", register, SCHEMA, basic("confluent-client:" + TOKEN));
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            int id = ApiClient.JSON.readTree(registered.body()).path("id").asInt();
            assertThat(send("POST", registry + "/subjects/others-value/versions", SCHEMA, "Bearer " + TOKEN)
                    .statusCode()).isEqualTo(200);
            assertThat(send("PUT", registry + "/config/things-value", "{\"compatibility\": \"NONE\"}",
                    basic("admin:" + TOKEN)).statusCode()).isEqualTo(200);

            assertThat(send("GET", registry + "/subjects", null, null).body()).contains("things-value", "others-value");
            assertThat(send("GET", registry + "/schemas/ids/" + id, null, null).statusCode()).isEqualTo(200);
            assertThat(send("GET", registry + "/subjects/things-value/versions/latest", null, null).statusCode())
                    .isEqualTo(200);
            assertThat(send("POST", registry + "/subjects/things-value", SCHEMA, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withAuthOnAllEveryRouteNeedsTheTokenAndDeskstreamsOwnClientsSendIt() throws Exception {
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(Topics.withDefaultPrefix(), 1, (short) 1, Duration.ofDays(30)))
                .with(InstanceSettings.defaults().withAdminToken(TOKEN)
                        .withExports(new InstanceSettings.Exports(true, null, Duration.ofHours(1), Duration.ofSeconds(1)))
                        .withRegistry(new InstanceSettings.Registry(RegistryAuth.Scope.ALL, null)));
        try (DeskstreamProcess process = DeskstreamProcess.start(settings)) {
            String registry = process.schemaRegistryUrl();
            for (String read : new String[]{"/subjects", "/schemas/ids/1", "/config",
                    "/subjects/" + Topics.withDefaultPrefix().ticketEvents() + "-value/versions/latest"}) {
                assertRefused(send("GET", registry + read, null, null));
                assertRefused(send("GET", registry + read, null, "Bearer not-the-token"));
                assertThat(send("GET", registry + read, null, basic("admin:" + TOKEN)).statusCode()).as(read)
                        .isEqualTo(200);
            }

            // The API's writers and the topology read and write the registry with the token.
            ApiClient api = new ApiClient(process.httpUrl(), TOKEN);
            assertThat(api.put("/api/v1/departments/sales", "{\"name\": \"Sales\"}").status()).isEqualTo(201);
            assertThat(api.post("/api/v1/events", """
                    {"id":"e-1","type":"ticket.created","ts":"2026-11-02T09:00:00Z","ticketId":"t-1","channel":"email","departmentId":"sales"}
                    """).status()).isEqualTo(202);

            // ingest straight to Kafka needs the registry's credentials now: with them it sends, without it says so.
            Path events = Files.writeString(dataDir.resolve("events.jsonl"),
                    "{\"id\":\"e-2\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T10:00:00Z\",\"ticketId\":\"t-2\","
                            + "\"channel\":\"web\",\"departmentId\":\"sales\"}\n");
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            var refused = Deskstream.commandLine();
            refused.setErr(new PrintWriter(errors, true, StandardCharsets.UTF_8));
            assertThat(refused.execute("ingest", events.toString(), "--bootstrap-servers", process.bootstrapServers(),
                    "--schema-registry-url", registry)).isEqualTo(1);
            assertThat(errors.toString(StandardCharsets.UTF_8)).contains("needs credentials");
            assertThat(Deskstream.commandLine().execute("ingest", events.toString(), "--bootstrap-servers",
                    process.bootstrapServers(), "--schema-registry-url", registry,
                    "--schema-registry-user-info", "admin:" + TOKEN)).isZero();

            api.awaitCaughtUp(Duration.ofSeconds(60));
            JsonNode rows = api.get("/api/v1/reports/departments?from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z"
                    + "&granularity=total").json().path("rows");
            assertThat(rows.findValuesAsText("department")).containsExactly("sales");
            assertThat(rows.get(0).path("tickets_created").asLong()).isEqualTo(2);

            // The export's sinks read the report rows' schema with the token too, and write the hour.
            Path csv = dataDir.resolve("exports").resolve("format=csv");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && csvFiles(csv) == 0) {
                Thread.sleep(500);
            }
            assertThat(csvFiles(csv)).as("CSV files written by the export").isPositive();
        }
    }

    private static long csvFiles(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().endsWith(".csv")
                    && !p.getFileName().toString().startsWith(".")).count();
        }
    }
}
