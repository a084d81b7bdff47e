package io.deskstream.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.deskstream.schemas.common.Customer;
import io.deskstream.schemas.config.AddTagsAction;
import io.deskstream.schemas.config.AssignAction;
import io.deskstream.schemas.config.Condition;
import io.deskstream.schemas.config.ConditionGroup;
import io.deskstream.schemas.config.Department;
import io.deskstream.schemas.config.RoutingRule;
import io.deskstream.schemas.config.ServiceLevel;
import io.deskstream.schemas.config.TransferAction;
import io.deskstream.schemas.config.WorkingInterval;
import io.deskstream.schemas.events.*;
import io.deskstream.schemas.output.ConversationKind;
import io.deskstream.schemas.output.ReportRow;
import io.deskstream.schemas.output.RoutedConversation;
import io.deskstream.schemas.output.RoutingDecision;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record of every topic, and every branch of every union, survives the wire format unchanged. */
class AvroRoundTripTest {

    private static final Instant TS = Instant.parse("2026-11-02T09:15:00.123Z");
    private static final Customer CUSTOMER = new Customer("c-1", "ann@bikes.test", "vip", "CZ", "cs");
    private static RegistryTestServer registry;
    private static SchemaRegistryClient client;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = new RegistryTestServer();
        client = new SchemaRegistryClient(registry.url());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    static Stream<SpecificRecord> everyRecord() {
        return Stream.of(
                new TicketEvent("e-1", TS, "t-1", new TicketCreated("email", "Broken gear", "support", CUSTOMER, List.of("gold"))),
                new TicketEvent("e-2", TS, "t-1", new TicketCreated("web", null, null, null, List.of())),
                new TicketEvent("e-3", TS, "t-1", new TicketMessage()),
                new TicketEvent("e-4", TS, "t-1", new TicketReply("a-1")),
                new TicketEvent("e-5", TS, "t-1", new TicketAssigned(null)),
                new TicketEvent("e-6", TS, "t-1", new TicketTransferred("sales", "a-2")),
                new TicketEvent("e-7", TS, "t-1", new TicketTagged(List.of("vip", "refund"))),
                new TicketEvent("e-8", TS, "t-1", new TicketResolved("a-1")),
                new ChatEvent("e-9", TS, "ch-1", new ChatStarted("vip", CUSTOMER)),
                new ChatEvent("e-10", TS, "ch-1", new ChatAccepted("a-2")),
                new ChatEvent("e-11", TS, "ch-1", new ChatMessage(ChatParticipant.customer)),
                new ChatEvent("e-12", TS, "ch-1", new ChatEnded()),
                new CallEvent("e-13", TS, "cl-1", new CallIncoming(null, null)),
                new CallEvent("e-14", TS, "cl-1", new CallAnswered("a-3")),
                new CallEvent("e-15", TS, "cl-1", new CallEnded()),
                new RatingEvent("e-16", TS, "t-1", RatingValue.positive),
                Department.newBuilder().setId("sales").setName("Sales").setAgents(List.of("a-1"))
                        .setToSolveEnabled(true).setTimezone("Europe/Prague")
                        .setWorkingHours(Map.of("tue", List.of(new WorkingInterval("09:00", "12:00"),
                                new WorkingInterval("13:00", "17:00"))))
                        .setSla(new ServiceLevel(14400L)).setEmails(List.of("sales@bikes.test")).build(),
                RoutingRule.newBuilder().setId("r-1").setName("Social").setNotes("n").setActive(true).setOrder(10)
                        .setConditionGroups(List.of(new ConditionGroup(List.of(
                                new Condition("channel", "in", List.of("facebook", "viber")),
                                new Condition("subject", "contains", "refund"),
                                new Condition("customer.email", "exists", null)))))
                        .setActions(List.of(new TransferAction("marketing"), new AssignAction(null),
                                new AddTagsAction(List.of("social"))))
                        .setStopProcessing(true).build(),
                RoutedConversation.newBuilder().setConversationId("t-1").setKind(ConversationKind.ticket)
                        .setDecision(RoutingDecision.transferred).setChannel("email").setDepartment("sales")
                        .setPreviousDepartment("vip").setAgent(null).setTags(List.of("gold"))
                        .setMatchedRules(List.of("vip-first")).setEventId("e-6").setEventTs(TS).build(),
                ReportRow.newBuilder().setBucket(Instant.parse("2026-11-02T09:00:00Z")).setDepartment("sales")
                        .setChannel("email").setAgent("a-1").setReplies(3).setAvgFirstResponseS(3600.5)
                        .setCallMinutes(2.5).setSlaCompliancePct(null).build());
    }

    @ParameterizedTest
    @MethodSource("everyRecord")
    void shouldReadBackEveryRecordAsItWasWritten(SpecificRecord record) {
        String topic = "test." + record.getSchema().getName();
        byte[] bytes = new ConfluentAvroSerializer<>(client).serialize(topic, record);

        SpecificRecord read = new ConfluentAvroDeserializer<>(client, null).deserialize(topic, bytes);

        assertThat(read).isEqualTo(record);
    }

    @Test
    void shouldKeepATombstoneATombstone() {
        assertThat(new ConfluentAvroSerializer<Department>(client).serialize("test.departments", null)).isNull();
        assertThat(new ConfluentAvroDeserializer<>(client, Department.class).deserialize("test.departments", null)).isNull();
    }
}
