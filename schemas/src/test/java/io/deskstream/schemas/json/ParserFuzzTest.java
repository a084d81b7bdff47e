package io.deskstream.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.schemas.fuzz.Gen;
import io.deskstream.schemas.fuzz.Property;
import io.deskstream.schemas.fuzz.Valid;
import io.deskstream.schemas.wire.ConfluentAvroDeserializer;
import io.deskstream.schemas.wire.ConfluentAvroSerializer;
import io.deskstream.schemas.wire.InMemorySchemaRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the parsers of everything that comes from outside: events, departments and routing rules. Whatever the
 * input, the answer is a parsed value or an {@link InvalidInputException} with a reason and a message — never another
 * exception — and a parsed value can be written as it will be written (Avro in the Confluent wire format, a Kafka
 * record with the event time as its timestamp) and reads back the same.
 */
class ParserFuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-03T00:00:00Z");
    private static final CanonicalEventParser PARSER = new CanonicalEventParser(Clock.fixed(NOW, ZoneOffset.UTC),
            CanonicalEventParser.DEFAULT_MAX_FUTURE);
    private static final InMemorySchemaRegistry REGISTRY = new InMemorySchemaRegistry();
    private static final ConfluentAvroSerializer<SpecificRecord> WRITER = new ConfluentAvroSerializer<>(REGISTRY);
    private static final ConfluentAvroDeserializer<SpecificRecord> READER = new ConfluentAvroDeserializer<>(REGISTRY, null);

    @FunctionalInterface
    private interface Parse<T> {
        T parse() throws InvalidInputException;
    }

    /** The property: a value, checked by {@code parsed}, or a refusal with a reason and a message. */
    private static <T> void parsedOrRefused(Parse<T> parse, java.util.function.Consumer<T> parsed) {
        T value;
        try {
            value = parse.parse();
        } catch (InvalidInputException refused) {
            assertThat(refused.reason()).as("reason").isNotBlank();
            assertThat(refused.getMessage()).as("message").isNotBlank();
            return;
        }
        assertThat(value).isNotNull();
        parsed.accept(value);
    }

    /** A parsed event goes to Kafka as ingest sends it, and reads back the same. */
    private static void publishable(InputEvent event) {
        String topic = "fuzz-" + event.stream().name().toLowerCase();
        byte[] bytes = WRITER.serialize(topic, event.value());
        new ProducerRecord<>(topic, null, event.ts().toEpochMilli(), event.key(), bytes);
        assertThat(READER.deserialize(topic, bytes)).isEqualTo(event.value());
        assertThat(event.key()).isNotEmpty();
    }

    private static void event(String line) {
        parsedOrRefused(() -> PARSER.parse(line), ParserFuzzTest::publishable);
    }

    private static void event(ObjectNode object) {
        parsedOrRefused(() -> PARSER.parse(object), ParserFuzzTest::publishable);
        event(object.toString());
    }

    @Test
    void anyStringIsAnEventOrRefused() {
        Property.forAll("event parser: any string", 1000, Gen::anyString, ParserFuzzTest::event);
    }

    @Test
    void anyJsonValueIsAnEventOrRefused() {
        Property.forAll("event parser: any JSON", 1000, r -> Gen.anyJson(r, 4).toString(), ParserFuzzTest::event);
    }

    @Test
    void deeplyNestedJsonIsRefused() {
        Property.forAll("event parser: deep nesting", 100, Gen::deeplyNested, ParserFuzzTest::event);
    }

    @Test
    void mutatedEventsAreEventsOrRefused() {
        Property.forAll("event parser: mutated events", 1000, r -> Gen.mutated(r, Valid.event(r)), ParserFuzzTest::event);
    }

    @Test
    void eventsMutatedAsTextAreEventsOrRefused() {
        Property.forAll("event parser: events mutated as text", 500,
                r -> Gen.textMutated(r, Gen.mutated(r, Valid.event(r)).toString()), ParserFuzzTest::event);
    }

    // --- departments and routing rules

    private static final Function<Random, JsonNode> ANY_OBJECT = r -> {
        JsonNode json = Gen.anyJson(r, 4);
        return json.isObject() ? json : Gen.JSON.createObjectNode().set(Gen.oneOf(r, Gen.FIELD_NAMES), json);
    };

    private static void department(JsonNode json) {
        parsedOrRefused(() -> DepartmentJson.parse((ObjectNode) json), department -> {
            try {
                assertThat(DepartmentJson.parse(DepartmentJson.toJson(department))).isEqualTo(department);
            } catch (InvalidInputException e) {
                throw new AssertionError("a department written back is refused: " + e.getMessage(), e);
            }
            byte[] bytes = WRITER.serialize("fuzz-departments", department);
            assertThat(READER.deserialize("fuzz-departments", bytes)).isEqualTo(department);
        });
    }

    private static void rule(JsonNode json) {
        parsedOrRefused(() -> RoutingRuleJson.parse((ObjectNode) json), rule -> {
            try {
                assertThat(RoutingRuleJson.parse(RoutingRuleJson.toJson(rule))).isEqualTo(rule);
            } catch (InvalidInputException e) {
                throw new AssertionError("a rule written back is refused: " + e.getMessage(), e);
            }
            byte[] bytes = WRITER.serialize("fuzz-rules", rule);
            assertThat(READER.deserialize("fuzz-rules", bytes)).isEqualTo(rule);
        });
    }

    @Test
    void anyObjectIsADepartmentOrRefused() {
        Property.forAll("department parser: any object", 1000, ANY_OBJECT, ParserFuzzTest::department);
    }

    @Test
    void mutatedDepartmentsAreDepartmentsOrRefused() {
        Property.forAll("department parser: mutated departments", 1000, r -> Gen.mutated(r, Valid.department(r)),
                ParserFuzzTest::department);
    }

    @Test
    void anyObjectIsARuleOrRefused() {
        Property.forAll("rule parser: any object", 1000, ANY_OBJECT, ParserFuzzTest::rule);
    }

    @Test
    void mutatedRulesAreRulesOrRefused() {
        Property.forAll("rule parser: mutated rules", 1000, r -> Gen.mutated(r, Valid.rule(r)), ParserFuzzTest::rule);
    }
}
