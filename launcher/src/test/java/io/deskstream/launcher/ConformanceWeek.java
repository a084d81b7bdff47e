package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.topology.Conformance;

/** The conformance week sent as a user sends it: departments and rules PUT, the events POSTed, then caught up. */
final class ConformanceWeek {

    static final String FROM = "2026-11-02T00:00:00Z";
    static final String TO = "2026-11-09T00:00:00Z";

    private ConformanceWeek() {
    }

    static void sendThrough(ApiClient api) throws Exception {
        for (JsonNode department : Conformance.json("departments.json")) {
            assertThat(api.put("/api/v1/departments/" + department.path("id").asText(), department.toString()).status())
                    .isBetween(200, 201);
        }
        for (JsonNode rule : Conformance.json("rules.json")) {
            assertThat(api.put("/api/v1/rules/" + rule.path("id").asText(), rule.toString()).status()).isBetween(200, 201);
        }
        String events = Files.readString(Conformance.DIR.resolve("events.jsonl"), StandardCharsets.UTF_8);
        assertThat(api.post("/api/v1/events", events).status()).isEqualTo(202);
        api.awaitCaughtUp(Duration.ofSeconds(180));
    }
}
