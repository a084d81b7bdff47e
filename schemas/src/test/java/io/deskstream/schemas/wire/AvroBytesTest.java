package io.deskstream.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class AvroBytesTest {

    private static final Schema TICKET = new Schema.Parser().parse("""
            {"type": "record", "name": "Ticket", "fields": [
              {"name": "id", "type": "string"}, {"name": "channel", "type": "string"}]}""");
    private static final byte[] HEADER = {0, 0, 0, 0, 7};

    private static GenericRecord ticket(String id, String channel) {
        GenericRecord ticket = new GenericData.Record(TICKET);
        ticket.put("id", id);
        ticket.put("channel", channel);
        return ticket;
    }

    private static byte[] alone(GenericRecord value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(HEADER);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(TICKET).write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Test
    void shouldWriteTheHeaderThenTheValue() throws IOException {
        GenericRecord value = ticket("t-1", "email");

        assertThat(AvroBytes.encode(HEADER, new GenericDatumWriter<>(TICKET), value)).isEqualTo(alone(value));
    }

    @Test
    void shouldLeaveNothingOfAValueThatFailedHalfWayInTheNextValue() throws IOException {
        GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(TICKET);
        assertThatThrownBy(() -> AvroBytes.encode(HEADER, writer, ticket("t-1", null)))
                .isInstanceOf(NullPointerException.class);

        GenericRecord next = ticket("t-2", "chat");

        assertThat(AvroBytes.encode(HEADER, writer, next)).isEqualTo(alone(next));
    }
}
