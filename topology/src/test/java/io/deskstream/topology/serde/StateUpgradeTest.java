package io.deskstream.topology.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.deskstream.schemas.output.ConversationKind;
import io.deskstream.schemas.output.ReportRow;
import io.deskstream.schemas.events.RatingValue;
import io.deskstream.schemas.state.CellPartials;
import io.deskstream.schemas.state.ConversationState;
import io.deskstream.schemas.state.MetricCell;
import io.deskstream.schemas.state.PartialCell;
import io.deskstream.schemas.state.SeenEvents;
import io.deskstream.schemas.state.TicketProgress;
import io.deskstream.schemas.state.TicketRating;
import io.deskstream.schemas.state.TicketStatus;
import io.deskstream.schemas.wire.ConfluentAvroSerializer;
import io.deskstream.schemas.wire.InMemorySchemaRegistry;
import io.deskstream.schemas.wire.StateCodec;
import io.deskstream.schemas.wire.StateSchemaHistory;
import io.deskstream.topology.conversation.ConversationRouting;
import io.deskstream.topology.conversation.SeenEventIds;
import io.deskstream.topology.metrics.ResponseSketch;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * State written by this version restores in the next one: bytes committed as fixtures (a conversation, a ticket's
 * rating, a report cell, a partition's share of a cell, the second stage's shares of a cell, a report row) are read
 * with an evolved copy of each schema, one with a field added (with its default), as a later version would read them;
 * and a value written with an older schema is read by the current codec. Run with
 * {@code -Ddeskstream.writeUpgradeFixtures=true} only to write the fixtures of a released version, never to make this
 * test pass.
 */
class StateUpgradeTest {

    private static final Path FIXTURES = Path.of("src/test/resources/upgrade-fixtures");
    private static final boolean WRITE = Boolean.getBoolean("deskstream.writeUpgradeFixtures");

    @Test
    void aConversationWrittenByThisVersionIsReadWithAnEvolvedSchema() throws Exception {
        GenericRecord read = readStateWithAnAddedField("conversation.bin", conversation(), ConversationState.class);

        assertThat(read.get("id").toString()).isEqualTo("t-1");
        assertThat(read.get("department").toString()).isEqualTo("sales");
        assertThat(((GenericRecord) read.get("ticket")).get("status").toString()).isEqualTo("answered");
        assertThat(((ByteBuffer) ((GenericRecord) read.get("seenEvents")).get("recent")).remaining()).isEqualTo(32);
        assertThat(read.get("addedLater").toString()).isEqualTo("its default");
    }

    @Test
    void aConversationWrittenBeforeItsCreationFactsWereKeptIsReadWithoutThem() throws Exception {
        byte[] older = Files.readAllBytes(FIXTURES.resolve("conversation.bin"));
        long fingerprint = ByteBuffer.wrap(older, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Assumptions.assumeTrue(fingerprint != StateSchemaHistory.fingerprint(ConversationState.getClassSchema()),
                "the fixture was written with the current schema");

        ConversationState read = new StateCodec<>(ConversationState.class).decode(older);

        assertThat(read.getId()).isEqualTo("t-1");
        assertThat(read.getCreation()).isNull();
        assertThat(ConversationRouting.factsAtCreation(read)).isNull();
    }

    @Test
    void aReportCellWrittenByThisVersionIsReadWithAnEvolvedSchema() throws Exception {
        GenericRecord read = readStateWithAnAddedField("metric-cell.bin", cell(), MetricCell.class);

        assertThat(read.get("replies")).isEqualTo(7L);
        assertThat(read.get("first_response_seconds_sum")).isEqualTo(5400.0);
        assertThat(read.get("addedLater").toString()).isEqualTo("its default");
    }

    @Test
    void aShareOfACellWrittenByThisVersionIsReadWithAnEvolvedSchema() throws Exception {
        GenericRecord read = readStateWithAnAddedField("cell-share.bin", new PartialCell(3, cell()), PartialCell.class);

        assertThat(read.get("partition")).isEqualTo(3);
        assertThat(((GenericRecord) read.get("cell")).get("replies")).isEqualTo(7L);
    }

    @Test
    void aTicketsRatingWrittenByThisVersionIsReadWithAnEvolvedSchema() throws Exception {
        TicketRating rating = TicketRating.newBuilder().setValue(RatingValue.positive)
                .setTs(Instant.parse("2026-11-02T11:00:00Z")).setEventId("e-9")
                .setSeenEvents(SeenEvents.newBuilder().setRecent(ByteBuffer.allocate(0)).setNext(0).setSpilled(0).build())
                .build();

        GenericRecord read = readStateWithAnAddedField("ticket-rating.bin", rating, TicketRating.class);

        assertThat(read.get("value").toString()).isEqualTo("positive");
        assertThat(read.get("eventId").toString()).isEqualTo("e-9");
        assertThat(read.get("addedLater").toString()).isEqualTo("its default");
    }

    @Test
    void theSharesOfACellKeptByTheSecondStageAreReadWithAnEvolvedSchema() throws Exception {
        CellPartials shares = new CellPartials(new java.util.HashMap<>(java.util.Map.of("0", cell(), "3", cell())));

        GenericRecord read = readStateWithAnAddedField("cell-partials.bin", shares, CellPartials.class);

        @SuppressWarnings("unchecked")
        java.util.Map<Object, GenericRecord> byPartition = (java.util.Map<Object, GenericRecord>) read.get("byPartition");
        assertThat(byPartition).hasSize(2);
        assertThat(byPartition.values()).allSatisfy(cell -> assertThat(cell.get("replies")).isEqualTo(7L));
        assertThat(read.get("addedLater").toString()).isEqualTo("its default");
    }

    @Test
    void aReportRowWrittenByThisVersionIsReadWithAnEvolvedSchemaFromTheRegistry() throws Exception {
        ReportRow row = ReportRow.newBuilder().setBucket(Instant.parse("2026-11-02T10:00:00Z")).setDepartment("sales")
                .setChannel("email").setAgent("a-1").setReplies(7).build();
        if (WRITE) {
            byte[] bytes = new ConfluentAvroSerializer<ReportRow>(new InMemorySchemaRegistry()).serialize("t", row);
            Files.write(FIXTURES.resolve("report-row.bin"), bytes);
            Files.writeString(FIXTURES.resolve("report-row.writer.avsc"), ReportRow.getClassSchema().toString(true));
        }
        byte[] bytes = Files.readAllBytes(FIXTURES.resolve("report-row.bin"));
        Schema writer = new Schema.Parser().parse(FIXTURES.resolve("report-row.writer.avsc").toFile());
        assertThat(bytes[0]).as("Confluent wire format: magic byte").isZero();

        GenericRecord read = new GenericDatumReader<GenericRecord>(writer, withAddedField(ReportRow.getClassSchema()))
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));

        assertThat(read.get("department").toString()).isEqualTo("sales");
        assertThat(read.get("replies")).isEqualTo(7L);
        assertThat(read.get("addedLater").toString()).isEqualTo("its default");
    }

    @Test
    void aValueWrittenWithAnOlderSchemaIsReadByTheCurrentCodecWithTheNewFieldsDefault() throws Exception {
        // The previous schema of a report cell: the current one without its last field.
        Schema current = MetricCell.getClassSchema();
        List<Schema.Field> older = new ArrayList<>();
        for (Schema.Field field : current.getFields().subList(0, current.getFields().size() - 1)) {
            older.add(new Schema.Field(field, field.schema()));
        }
        Schema previous = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, older);
        GenericRecord written = new GenericData.Record(previous);
        previous.getFields().forEach(f -> written.put(f.name(), GenericData.get().getDefaultValue(f)));
        written.put("replies", 7L);
        byte[] bytes = singleObject(previous, written);

        MetricCell read = new StateCodec<>(MetricCell.class, StateSchemaHistory.of(List.of(previous, current)))
                .decode(bytes);

        assertThat(read.getReplies()).isEqualTo(7L);
        Schema.Field added = current.getFields().get(current.getFields().size() - 1);
        assertThat(read.get(added.pos())).isEqualTo(GenericData.get().getDefaultValue(added));
    }

    /** The fixture's bytes (written by the current codec when asked), read through the shipped history. */
    private static <T extends SpecificRecord> GenericRecord readStateWithAnAddedField(String file, T value, Class<T> type)
            throws IOException {
        if (WRITE) {
            Files.write(FIXTURES.resolve(file), new StateCodec<>(type).encode(value));
        }
        byte[] bytes = Files.readAllBytes(FIXTURES.resolve(file));
        assertThat(new byte[] {bytes[0], bytes[1]}).as("single-object encoding marker").containsExactly(0xC3, 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Schema writer = StateSchemaHistory.shipped().schema(fingerprint);
        assertThat(writer).as("the writer schema of %s is in the shipped history", file).isNotNull();
        return new GenericDatumReader<GenericRecord>(writer, withAddedField(writer))
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 10, bytes.length - 10, null));
    }

    /** The schema as a later version might have it: one more field, with a default. */
    private static Schema withAddedField(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("addedLater", Schema.create(Schema.Type.STRING), "a later version's field",
                "its default"));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static byte[] singleObject(Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0xC3).put((byte) 0x01)
                .putLong(StateSchemaHistory.fingerprint(schema)).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static ConversationState conversation() {
        SeenEvents seen = SeenEventIds.none();
        SeenEventIds ids = new SeenEventIds(null);
        ids.remember("ticket:t-1", seen, "e-1");
        ids.remember("ticket:t-1", seen, "e-2");
        return ConversationState.newBuilder().setKind(ConversationKind.ticket).setId("t-1").setChannel("email")
                .setDepartment("sales").setAgent("a-1").setTags(List.of("vip")).setMatchedRules(List.of("r-1"))
                .setCreatedTs(Instant.parse("2026-11-02T09:00:00Z")).setLastEventTs(Instant.parse("2026-11-02T09:30:00Z"))
                .setSeenEvents(seen)
                .setTicket(TicketProgress.newBuilder().setStatus(TicketStatus.answered).setReplied(true).build())
                .build();
    }

    private static MetricCell cell() {
        MetricCell cell = new MetricCell();
        cell.setReplies(7);
        cell.setFirstResponseCount(2);
        cell.setFirstResponseSecondsSum(5400.0);
        cell.setFirstResponseSketch(ResponseSketch.add(ResponseSketch.add(null, 1800), 3600));
        return cell;
    }
}
