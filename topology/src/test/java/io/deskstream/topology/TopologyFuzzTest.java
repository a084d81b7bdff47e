package io.deskstream.topology;

import static io.deskstream.topology.TopologyFixture.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import io.deskstream.schemas.fuzz.Gen;
import io.deskstream.schemas.fuzz.Property;
import io.deskstream.schemas.fuzz.Valid;
import io.deskstream.schemas.json.InputEvent;
import io.deskstream.schemas.json.InvalidInputException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the topology's inputs: records that are not events — random bytes, or valid records with their bytes
 * mutated — on the input topics. A record that cannot be decoded goes to the dead-letter topic with a reason; whatever
 * the record, processing goes on, and a valid event after it is processed.
 */
class TopologyFuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-03T00:00:00Z");
    private static final List<String> EVENT_TOPICS = List.of(TopologyFixture.TOPICS.ticketEvents(),
            TopologyFixture.TOPICS.chatEvents(), TopologyFixture.TOPICS.callEvents(),
            TopologyFixture.TOPICS.ratingEvents());
    /** Written by deskstream alone; read into global stores, which skip what they cannot decode. */
    private static final List<String> CONFIGURATION_TOPICS = List.of(TopologyFixture.TOPICS.departments(),
            TopologyFixture.TOPICS.routingRules());

    private final TopologyFixture desk = new TopologyFixture(NOW);
    private int valid;

    @AfterEach
    void close() {
        desk.close();
    }

    private record Hostile(String topic, String key, byte[] value) {
        @Override
        public String toString() {
            return topic + " key=" + key + " value=" + java.util.HexFormat.of().formatHex(value);
        }
    }

    /** A valid ticket after the hostile record: it must be created, so processing went on. */
    private void goesOn() {
        valid++;
        try {
            desk.events("{\"id\":\"ok-" + valid + "\",\"type\":\"ticket.created\",\"ts\":\"2026-11-02T09:00:00Z\","
                    + "\"ticketId\":\"ok-" + valid + "\",\"channel\":\"email\"}");
        } catch (InvalidInputException e) {
            throw new AssertionError(e);
        }
        assertThat(desk.conversation("ticket:ok-" + valid)).as("a valid event after it is processed").isNotNull();
    }

    private static byte[] randomBytes(Random r) {
        byte[] bytes = new byte[r.nextInt(r.nextBoolean() ? 8 : 300)];
        r.nextBytes(bytes);
        return bytes;
    }

    @Test
    void randomBytesGoToTheDeadLetterTopicWithAReasonAndProcessingGoesOn() {
        Property.forAll("topology: random bytes on the event topics", 300,
                r -> new Hostile(Gen.oneOf(r, EVENT_TOPICS), r.nextBoolean() ? "k-" + r.nextInt(5) : null,
                        randomBytes(r)),
                hostile -> {
                    desk.rawBytes(hostile.topic(), hostile.key(), hostile.value());
                    List<TestRecord<String, byte[]>> dead = desk.deadLetters();
                    assertThat(dead).hasSize(1);
                    assertThat(header(dead.get(0).headers(), DeadLetterHeaders.REASON)).isEqualTo("undecodable");
                    assertThat(header(dead.get(0).headers(), DeadLetterHeaders.ERROR)).isNotBlank();
                    assertThat(dead.get(0).value()).isEqualTo(hostile.value());
                    goesOn();
                });
    }

    @Test
    void randomBytesOnTheConfigurationTopicsLeaveProcessingGoingOn() {
        Property.forAll("topology: random bytes on the configuration topics", 100,
                r -> new Hostile(Gen.oneOf(r, CONFIGURATION_TOPICS), r.nextBoolean() ? "k-" + r.nextInt(5) : null,
                        randomBytes(r)),
                hostile -> {
                    desk.rawBytes(hostile.topic(), hostile.key(), hostile.value());
                    goesOn();
                });
    }

    /** A valid event's bytes, mutated: bits flipped, bytes changed, cut short, bytes inserted, a huge length. */
    private Hostile mutatedRecord(Random r) {
        InputEvent event;
        try {
            event = desk.parser().parse(Gen.oneOf(r, Valid.EVENTS));
        } catch (InvalidInputException e) {
            throw new AssertionError(e);
        }
        byte[] bytes = desk.encoded(event);
        int mutations = 1 + r.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            int at = 5 + r.nextInt(Math.max(1, bytes.length - 5));
            switch (r.nextInt(5)) {
                case 0 -> bytes[Math.min(at, bytes.length - 1)] ^= (byte) (1 << r.nextInt(8));
                case 1 -> bytes[Math.min(at, bytes.length - 1)] = (byte) r.nextInt(256);
                case 2 -> bytes = java.util.Arrays.copyOf(bytes, Math.min(at, bytes.length));
                case 3 -> bytes = inserted(bytes, at, new byte[]{(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});
                default -> bytes = inserted(bytes, at, randomBytes(r));
            }
        }
        return new Hostile(TopologyFixture.topicOf(event), event.key(), bytes);
    }

    private static byte[] inserted(byte[] bytes, int at, byte[] extra) {
        int split = Math.min(at, bytes.length);
        byte[] out = new byte[bytes.length + extra.length];
        System.arraycopy(bytes, 0, out, 0, split);
        System.arraycopy(extra, 0, out, split, extra.length);
        System.arraycopy(bytes, split, out, split + extra.length, bytes.length - split);
        return out;
    }

    @Test
    void mutatedRecordsAreProcessedOrDeadLetteredAndProcessingGoesOn() {
        Property.forAll("topology: mutated records on the input topics", 300, this::mutatedRecord, hostile -> {
            desk.rawBytes(hostile.topic(), hostile.key(), hostile.value());
            for (TestRecord<String, byte[]> dead : desk.deadLetters()) {
                assertThat(header(dead.headers(), DeadLetterHeaders.REASON)).isNotBlank();
            }
            goesOn();
        });
    }
}
