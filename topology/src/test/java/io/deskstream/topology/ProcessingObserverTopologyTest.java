package io.deskstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The processing tells its observer what it reads, routes and refuses, and how fresh the queryable state is. */
class ProcessingObserverTopologyTest {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<Duration> freshness = new CopyOnWriteArrayList<>();
    private TopologyFixture desk;

    @BeforeEach
    void start() throws Exception {
        desk = TopologyFixture.observedBy(Instant.parse("2026-11-02T10:00:05Z"), new ProcessingObserver() {
            @Override
            public void eventRead(String topic) {
                seen.add("read " + topic);
            }

            @Override
            public void routed(String department, String decision) {
                seen.add(decision + " " + department);
            }

            @Override
            public void deadLetter(String reason) {
                seen.add("dead letter " + reason);
            }

            @Override
            public void visible(Duration sinceEventTs) {
                freshness.add(sinceEventTs);
            }
        });
        desk.department("""
                {"id": "sales", "name": "Sales"}""");
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    @Test
    void eachEventReadRoutingDecisionAndDeadLetterIsObservedWithTheFreshnessOfWhatWasApplied() throws Exception {
        desk.eventLines("""
                {"id": "1", "type": "ticket.created", "ts": "2026-11-02T10:00:00Z", "ticketId": "t", "channel": "email", "departmentId": "sales"}
                {"id": "2", "type": "ticket.transferred", "ts": "2026-11-02T10:00:04Z", "ticketId": "t", "departmentId": "support"}
                {"id": "3", "type": "ticket.message", "ts": "2026-11-02T10:00:04Z", "ticketId": "never-created"}
                """);

        assertThat(seen).containsSubsequence(
                "read test.ticket-events", "created sales",
                "read test.ticket-events", "transferred support",
                "read test.ticket-events", "dead letter unknown conversation");
        assertThat(freshness).as("the two events applied, each at the commit after it")
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(1));
    }
}
