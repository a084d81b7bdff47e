package io.deskstream.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.schemas.events.TicketCreated;
import io.deskstream.schemas.events.TicketEvent;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** A record written with an older schema, before a field with a default was added, decodes into today's class. */
class SchemaEvolutionTest {

    /** TicketCreated as it would have been before {@code tags} was added (tags has the default []). */
    private static String oldTicketEvent() throws Exception {
        ObjectNode schema = (ObjectNode) new ObjectMapper().readTree(TicketEvent.getClassSchema().toString());
        for (JsonNode field : schema.get("fields")) {
            if (field.get("name").asText().equals("event")) {
                ArrayNode createdFields = (ArrayNode) field.get("type").get(0).get("fields");
                for (int i = 0; i < createdFields.size(); i++) {
                    if (createdFields.get(i).get("name").asText().equals("tags")) {
                        createdFields.remove(i);
                    }
                }
            }
        }
        return schema.toString();
    }

    @Test
    void shouldReadARecordWrittenBeforeAFieldWithADefaultWasAdded() throws Exception {
        Schema old = new Schema.Parser().parse(oldTicketEvent());
        Schema oldCreated = old.getField("event").schema().getTypes().get(0);
        assertThat(oldCreated.getField("tags")).isNull();
        GenericRecord created = new GenericData.Record(oldCreated);
        created.put("channel", "email");
        GenericRecord event = new GenericData.Record(old);
        event.put("id", "e-1");
        event.put("ts", Instant.parse("2026-11-02T09:15:00Z").toEpochMilli());
        event.put("ticketId", "t-1");
        event.put("event", created);

        try (RegistryTestServer registry = new RegistryTestServer()) {
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
            int oldId = client.register("deskstream.ticket-events-value", old);
            byte[] payload = frame(oldId, old, event);

            TicketEvent read = new ConfluentAvroDeserializer<>(client, TicketEvent.class)
                    .deserialize("deskstream.ticket-events", payload);

            assertThat(read.getTicketId()).isEqualTo("t-1");
            assertThat(((TicketCreated) read.getEvent()).getTags()).isEqualTo(List.of());
        }
    }

    private static byte[] frame(int id, Schema schema, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[ConfluentWireFormat.HEADER_LENGTH];
        ConfluentWireFormat.writeHeader(header, id);
        out.writeBytes(header);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
