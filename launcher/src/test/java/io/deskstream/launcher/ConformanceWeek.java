package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.topology.Conformance;

/** The conformance week sent as a user sends it: departments and rules PUT, the events POSTed, then caught up. */
final class ConformanceWeek {

    static final String FROM = "2026-11-02T00:00:00Z";
    static final String TO = "2026-11-09T00:00:00Z";

    private ConformanceWeek() {
    }

    static void sendThrough(ApiClient api) throws Exception {
        sendThrough(api, List.of(api));
    }

    /**
     * Sends the week through {@code api} while {@code instances} run: the events go in once every instance has read
     * the departments and rules, which each reads from its own copy of their topics; an instance that had not yet
     * would route its share of the events without them.
     */
    static void sendThrough(ApiClient api, List<ApiClient> instances) throws Exception {
        sendSettings(api);
        for (ApiClient instance : instances) {
            awaitSettingsRead(instance);
        }
        String events = Files.readString(Conformance.DIR.resolve("events.jsonl"), StandardCharsets.UTF_8);
        assertThat(api.post("/api/v1/events", events).status()).isEqualTo(202);
        api.awaitCaughtUp(Duration.ofSeconds(180));
    }

    private static void sendSettings(ApiClient api) throws Exception {
        for (JsonNode department : Conformance.json("departments.json")) {
            assertThat(api.put("/api/v1/departments/" + department.path("id").asText(), department.toString()).status())
                    .isBetween(200, 201);
        }
        for (JsonNode rule : Conformance.json("rules.json")) {
            assertThat(api.put("/api/v1/rules/" + rule.path("id").asText(), rule.toString()).status()).isBetween(200, 201);
        }
    }

    private static void awaitSettingsRead(ApiClient instance) throws Exception {
        int departments = Conformance.json("departments.json").size();
        int rules = Conformance.json("rules.json").size();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (instance.answered("/api/v1/departments", Duration.ofSeconds(60)).path("departments").size() != departments
                || instance.answered("/api/v1/rules", Duration.ofSeconds(60)).path("rules").size() != rules) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("an instance did not read the week's departments and rules within 60 s");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Waits until the API sees every conversation of the week: queries see the state once the processing has committed
     * it, which on a busy machine came tens of seconds after the status said caught up. Asks a what-if of the week's own rules, which counts
     * the conversations created in the week.
     */
    static void awaitEveryConversationVisible(ApiClient api) throws Exception {
        int expected = Conformance.json("expected/conversations.json").size();
        String question = "{\"rules\": " + Conformance.json("rules.json") + ", \"from\": \"" + FROM + "\", \"to\": \"" + TO + "\"}";
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            seen = api.post("/api/v1/rules/what-if", question).json().path("conversations").asLong();
            if (seen == expected) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the API saw " + seen + " of the week's " + expected + " conversations");
    }
}
