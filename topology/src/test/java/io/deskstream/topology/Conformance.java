package io.deskstream.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.schemas.json.InvalidInputException;

/** The shared conformance data (departments, rules, a week of events) and its expected outcomes. */
public final class Conformance {

    public static final Path DIR = Path.of(System.getProperty("deskstream.conformance.dir", "../conformance"));
    /** When the week is read: after it, as a replay of history. */
    public static final Instant READ_AT = Instant.parse("2026-11-22T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Conformance() {
    }

    public static JsonNode json(String relativePath) throws IOException {
        return JSON.readTree(DIR.resolve(relativePath).toFile());
    }

    /** Feeds a conformance folder to the fixture as a user would: configuration first, then every line in order. */
    public static void feed(TopologyFixture desk, Path folder) throws Exception {
        for (JsonNode d : JSON.readTree(folder.resolve("departments.json").toFile())) {
            desk.department(d.toString());
        }
        for (JsonNode r : JSON.readTree(folder.resolve("rules.json").toFile())) {
            desk.rule(r.toString());
        }
        CanonicalEventParser parser = desk.parser();
        List<String> lines = Files.readAllLines(folder.resolve("events.jsonl"));
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                desk.event(parser.parse(line));
            } catch (InvalidInputException e) {
                desk.refusedAtIngest(line, e.reason());
            }
        }
    }
}
