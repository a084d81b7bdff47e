package io.deskstream.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;

import io.deskstream.schemas.events.RatingEvent;
import io.deskstream.schemas.events.RatingValue;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The byte layout, checked against a vector written by hand from the format definitions. */
class ConfluentWireFormatTest {

    private static final RatingEvent RATING = new RatingEvent(
            "e-1", Instant.parse("2026-11-02T09:15:00Z"), "t-1", RatingValue.negative);

    /*
     * 00                  magic byte
     * 00 00 00 01         schema id 1, big-endian (the first schema the fresh test registry hands out)
     * 06 65 2d 31         id "e-1": length 3, zig-zag encoded as 6, then UTF-8 "e-1"
     * c0 88 d3 b8 b3 68   ts: 1793610900000 ms (2026-11-02T09:15:00Z), zig-zag 3587221800000, as a varint of
     *                     7-bit groups, least significant first, high bit set on all but the last
     * 06 74 2d 31         ticketId "t-1"
     * 02                  value: enum index 1 (negative), zig-zag encoded as 2
     */
    private static final String GOLDEN = "00" + "00000001" + "06652d31" + "c088d3b8b368" + "06742d31" + "02";

    private RegistryTestServer registry;
    private SchemaRegistryClient client;

    @BeforeEach
    void startRegistry() throws Exception {
        registry = new RegistryTestServer();
        client = new SchemaRegistryClient(registry.url());
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldWriteTheGoldenBytesOfARating() {
        byte[] bytes = new ConfluentAvroSerializer<RatingEvent>(client).serialize("deskstream.rating-events", RATING);

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(GOLDEN);
    }

    @Test
    void shouldReadTheGoldenBytesOfARating() {
        client.register("deskstream.rating-events-value", RatingEvent.getClassSchema());

        RatingEvent read = new ConfluentAvroDeserializer<>(client, RatingEvent.class)
                .deserialize("deskstream.rating-events", HexFormat.of().parseHex(GOLDEN));

        assertThat(read).isEqualTo(RATING);
    }

    @Test
    void shouldRegisterTheSchemaUnderTheTopicValueSubject() {
        new ConfluentAvroSerializer<RatingEvent>(client).serialize("deskstream.rating-events", RATING);

        assertThat(client.latest("deskstream.rating-events-value")).get()
                .satisfies(s -> assertThat(s.schema()).isEqualTo(RatingEvent.getClassSchema()));
    }

    /**
     * Found by fuzzing the topology's input: a string length far larger than the record (here the id's, about 2 GiB)
     * was allocated at once, and the OutOfMemoryError stopped processing. It is now an undecodable record.
     */
    @Test
    void shouldRefuseALengthLargerThanTheRecordWithoutAllocatingIt() {
        client.register("deskstream.rating-events-value", RatingEvent.getClassSchema());
        byte[] hostile = HexFormat.of().parseHex("00" + "00000001" + "feffffb70f" + "652d31");

        assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(client, RatingEvent.class)
                .deserialize("deskstream.rating-events", hostile))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 1");
    }

    @Test
    void shouldRefuseAnArrayLongerThanTheRecordWithoutAllocatingIt() {
        org.apache.avro.Schema tagged = io.deskstream.schemas.events.TicketTagged.getClassSchema();
        client.register("tags-value", tagged);
        byte[] hostile = HexFormat.of().parseHex("00" + "00000001" + "8088debe01" + "0261");

        assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(client,
                io.deskstream.schemas.events.TicketTagged.class).deserialize("tags", hostile))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldRefuseAPayloadWithoutTheMagicByte() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {1, 0, 0, 0, 1, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not the magic byte 0");
    }

    @Test
    void shouldRefuseAPayloadShorterThanTheHeader() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("fewer than the 5-byte header");
    }
}
