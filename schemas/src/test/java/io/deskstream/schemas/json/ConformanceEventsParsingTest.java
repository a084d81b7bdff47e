package io.deskstream.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The week of conformance events: every line maps but the seven that cannot be parsed or validated, each for the
 * reason of {@code expected/rejected.json}. The three rejected there for naming a conversation never created are
 * valid lines to the parser; only the topology can know that.
 */
class ConformanceEventsParsingTest {

    private static final Path CONFORMANCE = Path.of(System.getProperty("deskstream.conformance.dir", "../conformance"));
    private static final List<String> TOPOLOGY_REASONS = List.of("unknown conversation");

    @Test
    void shouldRejectExactlyTheInvalidLinesOfTheConformanceWeekForTheirReasons() throws Exception {
        CanonicalEventParser parser = new CanonicalEventParser(
                Clock.fixed(Instant.parse("2026-11-09T00:00:00Z"), ZoneOffset.UTC), CanonicalEventParser.DEFAULT_MAX_FUTURE);
        List<String> lines = Files.readAllLines(CONFORMANCE.resolve("events.jsonl"));

        Map<String, Integer> rejected = new TreeMap<>();
        int accepted = 0;
        for (String line : lines) {
            try {
                parser.parse(line);
                accepted++;
            } catch (InvalidInputException e) {
                rejected.merge(e.reason(), 1, Integer::sum);
            }
        }

        Map<String, Integer> expected = new TreeMap<>(new ObjectMapper().readValue(
                CONFORMANCE.resolve("expected/rejected.json").toFile(), new TypeReference<Map<String, Integer>>() { }));
        TOPOLOGY_REASONS.forEach(expected::remove);
        assertThat(rejected).isEqualTo(expected);
        assertThat(accepted).isEqualTo(lines.size() - expected.values().stream().mapToInt(Integer::intValue).sum());
    }
}
