package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.registry.RegistryAuth;
import io.deskstream.topology.Conformance;
import io.deskstream.topology.ReportComparison;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deployments whose report time zone is not a whole number of hours from UTC (Asia/Kolkata, Asia/Kathmandu) or that
 * change their offset in the week (America/New_York): the conformance week sent through the API of each gives the
 * expected report of that zone, by local day and by local hour, and the API takes exactly that zone's whole hours.
 * The three deployments share one broker, each under its own topic prefix.
 */
class ApiZonesIntegrationTest {

    private static final String TOKEN = "zones-admin-token";

    @TempDir
    Path dataDirs;

    @Test
    void eachDeploymentReportsTheWeekInItsOwnZoneAsExpected() throws Exception {
        try (DeskstreamProcess kolkata = start("Asia/Kolkata", null, null)) {
            List<String> differences = new ArrayList<>(checked(kolkata, "Asia/Kolkata"));
            for (String zone : List.of("Asia/Kathmandu", "America/New_York")) {
                try (DeskstreamProcess deployment = start(zone, kolkata.bootstrapServers(), kolkata.schemaRegistryUrl())) {
                    differences.addAll(checked(deployment, zone));
                }
            }
            assertThat(differences).isEmpty();
        }
    }

    @Test
    void anInstantThatIsNoWholeHourOfTheZoneIsRefusedNamingTheNearestOnes() throws Exception {
        try (DeskstreamProcess kolkata = start("Asia/Kolkata", null, null)) {
            ApiClient api = new ApiClient(kolkata.httpUrl(), TOKEN);

            ApiClient.Answer utcMidnight = api.get("/api/v1/reports/departments?from=2026-11-02T00:00:00Z"
                    + "&to=2026-11-02T18:30:00Z");
            ApiClient.Answer localMidnight = api.get("/api/v1/reports/departments?from=2026-11-01T18:30:00Z"
                    + "&to=2026-11-02T18:30:00Z");

            assertThat(utcMidnight.status()).isEqualTo(400);
            assertThat(utcMidnight.json().path("error").asText())
                    .contains("from", "Asia/Kolkata", "2026-11-01T23:30:00Z", "2026-11-02T00:30:00Z");
            assertThat(localMidnight.status()).isEqualTo(200);
            assertThat(api.get("/api/v1/status").json().path("reportTimezone").asText()).isEqualTo("Asia/Kolkata");
        }
    }

    private DeskstreamProcess start(String zone, String bootstrapServers, String registryUrl) throws Exception {
        String name = zone.replace('/', '-').toLowerCase();
        TopicLayout layout = new TopicLayout(new Topics(name + "."), 2, (short) 1, Duration.ofDays(30));
        RuntimeSettings settings = new RuntimeSettings(dataDirs.resolve(name), "127.0.0.1", LocalPorts.free(),
                LocalPorts.freePair(), ZoneId.of(zone), bootstrapServers, registryUrl, layout)
                .with(InstanceSettings.defaults().withAdminToken(TOKEN).withExports(InstanceSettings.Exports.OFF)
                        // Another deployment's embedded registry takes schemas with its admin token only.
                        .withRegistry(new InstanceSettings.Registry(RegistryAuth.Scope.WRITES,
                                registryUrl == null ? null : "admin:" + TOKEN)));
        return DeskstreamProcess.start(settings);
    }

    /** Sends the week, then compares the zone's expected day and hour reports with the API's answers. */
    private static List<String> checked(DeskstreamProcess deployment, String zone) throws Exception {
        ApiClient api = new ApiClient(deployment.httpUrl(), TOKEN);
        ConformanceWeek.sendThrough(api);
        List<String> differences = new ArrayList<>();
        for (String file : List.of("report-day-department", "report-hour-department-channel")) {
            JsonNode expected = Conformance.json("expected/zones/" + file + "." + zone.replace('/', '-') + ".json");
            ApiClient.Answer answer = api.get("/api/v1/reports/departments?from=" + expected.path("from").asText()
                    + "&to=" + expected.path("to").asText() + "&granularity=" + expected.path("granularity").asText()
                    + "&groupBy=" + URLEncoder.encode(String.join(",", strings(expected.path("groupBy"))),
                    StandardCharsets.UTF_8));
            if (answer.status() != 200) {
                differences.add(zone + " " + file + ": " + answer.status() + " " + answer.body());
                continue;
            }
            List<Map<String, Object>> rows = ApiClient.JSON.convertValue(answer.json().path("rows"),
                    new TypeReference<>() {
                    });
            ReportComparison.differences(expected.path("rows"), rows).forEach(d -> differences.add(zone + " " + file + " " + d));
        }
        return differences;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
