package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.topology.Conformance;
import io.deskstream.topology.TopicLayout;
import io.deskstream.topology.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/rules/what-if} over the conformance week sent through the API: a draft that sends the social
 * channels to Sales moves exactly the social tickets that the week's routing put elsewhere and that no transfer moved
 * since, computed here from the week's events and its expected conversations; nothing is written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulesWhatIfIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SOCIAL = List.of("facebook", "twitter", "instagram", "viber", "whatsapp");
    private static final Instant FROM = Instant.parse(ConformanceWeek.FROM);
    private static final Instant TO = Instant.parse(ConformanceWeek.TO);

    @TempDir
    static Path dataDir;
    private DeskstreamProcess process;
    private ApiClient admin;

    @BeforeAll
    void sendTheWeekThroughTheApi() throws Exception {
        RuntimeSettings settings = new RuntimeSettings(dataDir, "127.0.0.1", LocalPorts.free(), LocalPorts.freePair(),
                ZoneOffset.UTC, null, null, new TopicLayout(Topics.withDefaultPrefix(), 2, (short) 1, Duration.ofDays(30)));
        process = DeskstreamProcess.start(settings);
        admin = new ApiClient(process.httpUrl(), process.adminToken().token());
        ConformanceWeek.sendThrough(admin);
        ConformanceWeek.awaitEveryConversationVisible(admin);
    }

    @AfterAll
    void stop() {
        if (process != null) {
            process.close();
        }
    }

    /** The week's rules with one more in front: social channels go to Sales, and nothing else runs for them. */
    private static ArrayNode socialToSales() throws Exception {
        ArrayNode rules = (ArrayNode) Conformance.json("rules.json").deepCopy();
        ObjectNode sales = (ObjectNode) JSON.readTree("""
                {"id": "social-to-sales", "name": "Social to Sales", "active": true, "order": 0,
                 "conditionGroups": [{"conditions": [{"field": "channel", "op": "in", "value": []}]}],
                 "actions": [{"type": "transfer", "departmentId": "sales"}], "stopProcessing": true}""");
        SOCIAL.forEach(((ArrayNode) sales.path("conditionGroups").get(0).path("conditions").get(0).path("value"))::add);
        rules.insert(0, sales);
        return rules;
    }

    private static String question(JsonNode rules) {
        ObjectNode body = JSON.createObjectNode();
        body.set("rules", rules);
        body.put("from", ConformanceWeek.FROM);
        body.put("to", ConformanceWeek.TO);
        return body.toString();
    }

    /**
     * From the week's files: the department each social ticket created in the week is in now (expected/conversations),
     * for those no transfer moved after their creation (a transfer stands whatever routing would have done).
     */
    private static Map<String, Long> expectedMovesToSales() throws Exception {
        JsonNode conversations = Conformance.json("expected/conversations.json");
        Map<String, Integer> createdAtLine = new HashMap<>();
        Map<String, String> channelOf = new HashMap<>();
        Set<String> transferred = new HashSet<>();
        List<String> lines = Files.readAllLines(Conformance.DIR.resolve("events.jsonl"), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode event;
            try {
                event = JSON.readTree(lines.get(i));
            } catch (Exception unparseable) {
                continue;
            }
            String ticket = event.path("ticketId").asText();
            String type = event.path("type").asText();
            if (type.equals("ticket.created") && !createdAtLine.containsKey(ticket) && createdInTheWeek(event)) {
                createdAtLine.put(ticket, i);
                channelOf.put(ticket, event.path("channel").asText());
            } else if (type.equals("ticket.transferred") && createdAtLine.containsKey(ticket)) {
                transferred.add(ticket);
            }
        }
        Map<String, Long> moves = new TreeMap<>();
        channelOf.forEach((ticket, channel) -> {
            JsonNode now = conversations.path("ticket:" + ticket);
            if (!now.isMissingNode() && SOCIAL.contains(channel) && !transferred.contains(ticket)
                    && !now.path("department").asText().equals("sales")) {
                moves.merge(now.path("department").asText(), 1L, Long::sum);
            }
        });
        return moves;
    }

    private static boolean createdInTheWeek(JsonNode event) {
        try {
            Instant ts = Instant.parse(event.path("ts").asText());
            return !ts.isBefore(FROM) && ts.isBefore(TO);
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    @Test
    void aDraftSendingSocialChannelsToSalesMovesExactlyTheSocialTicketsRoutingPutElsewhere() throws Exception {
        Map<String, Long> expected = expectedMovesToSales();
        assertThat(expected).as("the week has social tickets routed elsewhere").isNotEmpty();

        ApiClient.Answer answer = admin.post("/api/v1/rules/what-if", question(socialToSales()));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode json = answer.json();
        Map<String, Long> moves = new TreeMap<>();
        for (JsonNode move : json.path("moves")) {
            assertThat(move.path("to").asText()).as(move.toString()).isEqualTo("sales");
            moves.put(move.path("from").asText(), move.path("conversations").asLong());
        }
        assertThat(moves).isEqualTo(expected);
        assertThat(json.path("moved").asLong()).isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
        assertThat(json.path("conversations").asLong()).isEqualTo(Conformance.json("expected/conversations.json").size());
        assertThat(json.path("withoutFacts").asLong()).isZero();
        assertThat(json.path("truncated").asBoolean()).isFalse();
        assertThat(json.path("partial").asBoolean()).isFalse();
        assertThat(json.path("limit").asLong()).isEqualTo(100_000);
    }

    @Test
    void eachDepartmentCountsItsConversationsNowAndUnderTheDraft() throws Exception {
        Map<String, Long> expected = expectedMovesToSales();
        long toSales = expected.values().stream().mapToLong(Long::longValue).sum();

        JsonNode json = admin.post("/api/v1/rules/what-if", question(socialToSales())).json();

        Map<String, Long> now = new TreeMap<>();
        Map<String, Long> expectedNow = new TreeMap<>();
        json.path("departments").forEach(d -> now.put(d.path("department").asText(), d.path("now").asLong()));
        Conformance.json("expected/conversations.json")
                .forEach(c -> expectedNow.merge(c.path("department").asText(), 1L, Long::sum));
        assertThat(now).as("now: the departments of expected/conversations.json").isEqualTo(expectedNow);
        for (JsonNode department : json.path("departments")) {
            long lost = expected.getOrDefault(department.path("department").asText(), 0L);
            long gained = department.path("department").asText().equals("sales") ? toSales : 0;
            assertThat(department.path("draft").asLong()).as(department.toString())
                    .isEqualTo(department.path("now").asLong() - lost + gained);
        }
    }

    @Test
    void theSampleNamesMovedTicketsAndTheRulesThatMatchedEachWay() throws Exception {
        JsonNode json = admin.post("/api/v1/rules/what-if", question(socialToSales())).json();

        assertThat(json.path("sample")).hasSize(20);
        JsonNode conversations = Conformance.json("expected/conversations.json");
        for (JsonNode moved : json.path("sample")) {
            JsonNode now = conversations.path(moved.path("kind").asText() + ":" + moved.path("id").asText());
            assertThat(moved.path("from").asText()).isEqualTo(now.path("department").asText());
            assertThat(moved.path("to").asText()).isEqualTo("sales");
            assertThat(moved.path("matchedNow")).isEqualTo(now.path("matched"));
            assertThat(moved.path("matchedDraft").toString()).isEqualTo("[\"social-to-sales\"]");
        }
    }

    @Test
    void theLiveRulesAsADraftMoveNothing() throws Exception {
        JsonNode json = admin.post("/api/v1/rules/what-if", question(Conformance.json("rules.json"))).json();

        assertThat(json.path("moved").asLong()).isZero();
        assertThat(json.path("moves")).isEmpty();
    }

    @Test
    void nothingIsWrittenNeitherRoutingDecisionsNorConversationsNorRules() throws Exception {
        long routedBefore = recordCount(Topics.withDefaultPrefix().routedTickets());
        JsonNode sampleBefore = admin.post("/api/v1/rules/what-if", question(socialToSales())).json().path("sample");
        String rulesBefore = admin.get("/api/v1/rules").body();

        admin.post("/api/v1/rules/what-if", question(socialToSales()));

        assertThat(recordCount(Topics.withDefaultPrefix().routedTickets())).isEqualTo(routedBefore);
        assertThat(admin.get("/api/v1/rules").body()).isEqualTo(rulesBefore);
        for (JsonNode moved : sampleBefore) {
            assertThat(admin.get("/api/v1/conversations/" + moved.path("id").asText()).json().path("department").asText())
                    .isEqualTo(moved.path("from").asText());
        }
    }

    @Test
    void anAgentIsRefused() throws Exception {
        ApiClient.Answer issued = admin.post("/api/v1/tokens", "{\"role\": \"agent\", \"departments\": [\"sales\"]}");
        ApiClient agent = admin.as(issued.json().path("token").asText());

        assertThat(agent.post("/api/v1/rules/what-if", question(socialToSales())).status()).isEqualTo(403);
    }

    @Test
    void anInvalidDraftIsRefusedNamingTheRuleAndTheField() throws Exception {
        ArrayNode rules = socialToSales();
        ((ObjectNode) rules.get(0).path("conditionGroups").get(0).path("conditions").get(0)).put("field", "colour");

        ApiClient.Answer answer = admin.post("/api/v1/rules/what-if", question(rules));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains("social-to-sales").contains("colour");
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefused() throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(question(socialToSales()));
        body.put("to", "2026-11-01T00:00:00Z");

        ApiClient.Answer answer = admin.post("/api/v1/rules/what-if", body.toString());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains("to");
    }

    private long recordCount(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, process.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
