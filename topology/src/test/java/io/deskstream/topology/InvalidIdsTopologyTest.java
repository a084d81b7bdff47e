package io.deskstream.topology;

import static io.deskstream.topology.TopologyFixture.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.deskstream.schemas.events.ChatAccepted;
import io.deskstream.schemas.events.ChatEvent;
import io.deskstream.schemas.events.RatingEvent;
import io.deskstream.schemas.events.RatingValue;
import io.deskstream.schemas.events.TicketCreated;
import io.deskstream.schemas.events.TicketEvent;
import io.deskstream.schemas.events.TicketReply;
import io.deskstream.schemas.json.EventStream;
import io.deskstream.schemas.json.InputEvent;
import io.deskstream.topology.report.Granularity;
import io.deskstream.topology.report.ReportQuery;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Records written to the input topics by another producer never went through ingest: the topology refuses the same
 * ids ingest refuses (events.md, Ids), to the dead-letter topic with reason {@code invalid id}, and counts nothing
 * of them.
 */
class InvalidIdsTopologyTest {

    private static final Instant TS = Instant.parse("2026-11-02T10:00:00Z");
    private TopologyFixture desk;

    @BeforeEach
    void start() {
        desk = new TopologyFixture(Instant.parse("2026-11-03T00:00:00Z"));
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    private static InputEvent ticketCreated(String eventId, String ticketId, String departmentId) {
        TicketCreated body = TicketCreated.newBuilder().setChannel("email").setDepartmentId(departmentId).build();
        return new InputEvent(EventStream.TICKET, ticketId, eventId, TS, new TicketEvent(eventId, TS, ticketId, body));
    }

    @Test
    void aTicketWhoseDepartmentIdHasANulOrIsTooLongArrivingOnTheTopicIsADeadLetterAndCountsNothing() {
        desk.event(ticketCreated("e-1", "t-1", "../\u0000/x"));
        desk.event(ticketCreated("e-2", "t-2", "d".repeat(1_000)));

        List<TestRecord<String, byte[]>> dead = desk.deadLetters();
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.REASON))
                .containsExactly("invalid id", "invalid id");
        assertThat(header(dead.get(0).headers(), DeadLetterHeaders.ERROR)).contains("'departmentId'").contains("U+0000");
        assertThat(header(dead.get(1).headers(), DeadLetterHeaders.ERROR)).contains("'departmentId'").contains("1000 characters");
        assertThat(header(dead.get(0).headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TopologyFixture.TOPICS.ticketEvents());
        assertThat(dead.get(0).value()[0]).as("the original Confluent-framed bytes").isEqualTo((byte) 0);
        assertThat(desk.conversation("ticket:t-1")).isNull();
        assertThat(desk.conversation("ticket:t-2")).isNull();
        assertThat(desk.routed()).isEmpty();
        assertThat(desk.report(new ReportQuery(Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-03T00:00:00Z"),
                Granularity.TOTAL, List.of("department"), ZoneOffset.UTC, Set.of(), Set.of(), Set.of(), List.of()))).isEmpty();
        assertThat(desk.deadLetterCounts()).isEqualTo(Map.of("invalid id", 2L));
    }

    @Test
    void everyIdFieldIsChecked() {
        desk.event(ticketCreated("e-1", "t-1", "sales"));
        String longAgent = "a".repeat(257);
        desk.event(new InputEvent(EventStream.TICKET, "t-1", "e-2", TS,
                new TicketEvent("e-2", TS, "t-1", new TicketReply(longAgent))));
        desk.event(new InputEvent(EventStream.TICKET, "t\u0007", "e-3", TS,
                new TicketEvent("e-3", TS, "t\u0007", new TicketReply("a-1"))));
        desk.event(new InputEvent(EventStream.CHAT, "c-1", " ", TS,
                new ChatEvent(" ", TS, "c-1", new ChatAccepted("a-1"))));
        desk.event(new InputEvent(EventStream.RATING, "", "e-5", TS,
                new RatingEvent("e-5", TS, "", RatingValue.positive)));

        assertThat(desk.deadLetters()).extracting(r -> header(r.headers(), DeadLetterHeaders.ERROR))
                .satisfiesExactly(
                        e -> assertThat(e).contains("'agentId'").contains("257 characters"),
                        e -> assertThat(e).contains("'ticketId'").contains("U+0007"),
                        e -> assertThat(e).contains("'id'").contains("only whitespace"),
                        e -> assertThat(e).contains("'ticketId'").contains("empty"));
        assertThat(desk.conversation("ticket:t-1").getAgent()).as("the reply with the long agent id was not applied").isNull();
        assertThat(desk.deadLetterCounts()).isEqualTo(Map.of("invalid id", 4L));
    }

    @Test
    void pathLikeAndUnicodeIdsThatFollowTheRulesAreRoutedAsTheyAre() {
        desk.event(ticketCreated("e-1", "t-1", "../../../somewhere"));
        desk.event(ticketCreated("e-2", "t-2", "dépt-ü-日本"));

        assertThat(desk.deadLetters()).isEmpty();
        assertThat(desk.conversation("ticket:t-1").getDepartment()).isEqualTo("../../../somewhere");
        assertThat(desk.conversation("ticket:t-2").getDepartment()).isEqualTo("dépt-ü-日本");
    }
}
