package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
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
 * Two instances with the same application id on one cluster split the partitions; each answers every query
 * completely, by asking the other for its part; when one stops, the other takes over and still answers fully.
 */
class TwoInstancesIntegrationTest {

    private static final String TOKEN = "shared-admin-token";
    private static final String WEEK = "/api/v1/reports/departments?from=2026-11-02T00:00:00Z&to=2026-11-09T00:00:00Z";
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** The week's conversations with no rules at all: most move, to their preset department or to none. */
    private static final String WHAT_IF_WITHOUT_RULES = "{\"rules\": [], \"from\": \"" + ConformanceWeek.FROM
            + "\", \"to\": \"" + ConformanceWeek.TO + "\"}";

    @TempDir
    Path first;
    @TempDir
    Path second;

    @Test
    void eitherInstanceAnswersLikeOneInstanceAndTheSurvivorAnswersFullyAfterTheOtherStops() throws Exception {
        TopicLayout layout = new TopicLayout(Topics.withDefaultPrefix(), 4, (short) 1, Duration.ofDays(30));
        RuntimeSettings a = new RuntimeSettings(first, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(), ZoneOffset.UTC,
                null, null, layout).with(InstanceSettings.defaults().withAdminToken(TOKEN));
        try (DeskstreamProcess one = DeskstreamProcess.start(a)) {
            ApiClient viaOne = new ApiClient(one.httpUrl(), TOKEN);
            ConformanceWeek.sendThrough(viaOne);
            JsonNode ticketStatus = viaOne.get("/api/v1/reports/ticket-status").json();
            JsonNode conversation = viaOne.get("/api/v1/conversations/t-3").json();
            assertThat(ticketStatus).isEqualTo(Conformance.json("expected/ticket-status.json"));
            ConformanceWeek.awaitEveryConversationVisible(viaOne);
            JsonNode whatIf = viaOne.post("/api/v1/rules/what-if", WHAT_IF_WITHOUT_RULES).json();
            assertThat(whatIf.path("moved").asLong()).isPositive();

            RuntimeSettings b = new RuntimeSettings(second, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                    ZoneOffset.UTC, one.bootstrapServers(), one.schemaRegistryUrl(), layout)
                    .with(InstanceSettings.defaults().withAdminToken(TOKEN)
                            // the first instance's embedded registry takes writes with the admin token only
                            .withRegistry(new InstanceSettings.Registry(RegistryAuth.Scope.WRITES, "admin:" + TOKEN)));
            try (DeskstreamProcess two = DeskstreamProcess.start(b)) {
                ApiClient viaTwo = new ApiClient(two.httpUrl(), TOKEN);
                awaitEachInstanceOwnsPartitions(one, two);
                for (ApiClient instance : List.of(viaOne, viaTwo)) {
                    assertReportIsTheExpectedOne(instance, "granularity=hour&groupBy=department,channel,agent",
                            "expected/report-hour-department-channel-agent.json");
                    assertReportIsTheExpectedOne(instance, "granularity=total&groupBy=department",
                            "expected/report-total-department.json");
                    assertThat(answered(instance, "/api/v1/reports/ticket-status")).isEqualTo(ticketStatus);
                    assertThat(answered(instance, "/api/v1/conversations/t-3")).isEqualTo(conversation);
                    assertThat(answeredWhatIf(instance)).as("a what-if gathered from both instances").isEqualTo(whatIf);
                    for (String unknown : List.of("never-1", "never-2", "never-3", "never-4", "never-5", "never-6", "never-7", "never-8")) {
                        assertThat(instance.settled("/api/v1/conversations/" + unknown, WAIT).status()).as(unknown)
                                .isEqualTo(404);
                    }
                    assertThat(instance.awaitCaughtUp(WAIT).path("deadLetters"))
                            .isEqualTo(Conformance.json("expected/rejected.json"));
                }
            }
            assertReportIsTheExpectedOne(viaOne, "granularity=day&groupBy=department", "expected/report-day-department.json");
            assertThat(answered(viaOne, "/api/v1/reports/ticket-status")).isEqualTo(ticketStatus);
            assertThat(answered(viaOne, "/api/v1/conversations/t-3")).isEqualTo(conversation);
        }
    }


    private static void awaitEachInstanceOwnsPartitions(DeskstreamProcess one, DeskstreamProcess two)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (ownsActiveTasks(one) && ownsActiveTasks(two)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the partitions were not split between the two instances within " + WAIT);
    }

    private static boolean ownsActiveTasks(DeskstreamProcess process) {
        return process.streams().streams().metadataForLocalThreads().stream()
                .anyMatch(thread -> !thread.activeTasks().isEmpty());
    }

    /** Asks until the answer is complete: while partitions move, 503 with Retry-After is the right answer. */
    private static JsonNode answered(ApiClient api, String path) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        ApiClient.Answer answer;
        do {
            answer = api.get(path);
            if (answer.status() == 200) {
                return answer.json();
            }
            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isNotNull();
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " still answers " + answer.status() + ": " + answer.body());
    }

    /** As {@link #answered}, for the what-if, whose question is posted. */
    private static JsonNode answeredWhatIf(ApiClient api) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        ApiClient.Answer answer;
        do {
            answer = api.post("/api/v1/rules/what-if", WHAT_IF_WITHOUT_RULES);
            if (answer.status() == 200) {
                return answer.json();
            }
            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the what-if still answers " + answer.status() + ": " + answer.body());
    }

    private static void assertReportIsTheExpectedOne(ApiClient api, String parameters, String expectedFile)
            throws Exception {
        JsonNode report = answered(api, WEEK + "&" + parameters);
        List<Map<String, Object>> rows = ApiClient.JSON.convertValue(report.path("rows"), new TypeReference<>() {
        });
        assertThat(ReportComparison.differences(Conformance.json(expectedFile).path("rows"), rows)).isEmpty();
    }
}
