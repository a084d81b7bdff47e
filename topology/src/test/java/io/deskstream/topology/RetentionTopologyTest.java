package io.deskstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.deskstream.topology.metrics.ReportRowStage;
import io.deskstream.topology.report.Granularity;
import io.deskstream.topology.report.ReportQuery;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Everything is forgotten once older than the retention, by event time: conversations with their place in the
 * ticket-status counts, ratings, report cells in both stages, and report rows (a tombstone each). Expiry reads only
 * what is old, and does a bounded amount of work at a time.
 */
class RetentionTopologyTest {

    private static final Duration RETENTION = Duration.ofDays(30);
    private TopologyFixture desk;

    @AfterEach
    void stop() {
        desk.close();
    }

    private void start() throws Exception {
        desk = TopologyFixture.withRetention(Instant.parse("2026-12-20T00:00:00Z"), RETENTION);
        desk.department("""
                {"id": "support", "name": "Support"}""");
    }

    /** An event of another conversation 40 days later moves event time on; then expiry runs. */
    private void fortyDaysLater() throws Exception {
        desk.eventLines("""
                {"id": "later", "type": "ticket.created", "ts": "2026-12-12T10:00:00Z", "ticketId": "later", "channel": "email", "departmentId": "support"}
                """);
        desk.advanceWallClock(Duration.ofSeconds(11));
    }

    @Test
    void aTicketPastTheRetentionNoLongerCountsInTicketStatus() throws Exception {
        start();
        desk.eventLines("""
                {"id": "1", "type": "ticket.created", "ts": "2026-11-02T10:00:00Z", "ticketId": "old", "channel": "email", "departmentId": "support"}
                {"id": "2", "type": "ticket.reply", "ts": "2026-11-02T11:00:00Z", "ticketId": "old", "agentId": "a-1"}
                """);
        assertThat(desk.ticketStatus()).containsExactly(
                Map.of("department", "support", "new", 0L, "open", 0L, "answered", 1L, "resolved", 0L));

        fortyDaysLater();

        assertThat(desk.ticketStatus()).containsExactly(
                Map.of("department", "support", "new", 1L, "open", 0L, "answered", 0L, "resolved", 0L));
        assertThat(desk.conversation("ticket:old")).isNull();
    }

    @Test
    void aForgottenConversationsLaterEventIsAnUnknownConversation() throws Exception {
        start();
        desk.eventLines("""
                {"id": "1", "type": "ticket.created", "ts": "2026-11-02T10:00:00Z", "ticketId": "old", "channel": "email", "departmentId": "support"}
                """);
        fortyDaysLater();
        desk.deadLetters();

        desk.eventLines("""
                {"id": "3", "type": "ticket.message", "ts": "2026-12-12T11:00:00Z", "ticketId": "old"}
                """);

        assertThat(desk.deadLetters()).extracting(r -> TopologyFixture.header(r.headers(), DeadLetterHeaders.REASON))
                .containsExactly("unknown conversation");
    }

    @Test
    void ratingsAndReportCellsPastTheRetentionAreForgottenAndTheirReportRowsTombstoned() throws Exception {
        start();
        desk.eventLines("""
                {"id": "1", "type": "ticket.created", "ts": "2026-11-02T10:00:00Z", "ticketId": "old", "channel": "email", "departmentId": "support"}
                {"id": "2", "type": "ticket.resolved", "ts": "2026-11-02T10:30:00Z", "ticketId": "old", "agentId": "a-1"}
                {"id": "3", "type": "rating", "ts": "2026-11-02T11:00:00Z", "ticketId": "old", "value": "positive"}
                """);
        desk.advanceWallClock(Duration.ofSeconds(3));
        List<String> oldCells = desk.reportRowRecords().stream().map(row -> row.key).distinct().toList();
        assertThat(oldCells).as("created for nobody, resolved by a-1").hasSize(2);
        assertThat(desk.entries(StoreNames.RATINGS)).isEqualTo(1);
        assertThat(desk.entries(StoreNames.REPORT_CELLS)).isEqualTo(2);

        fortyDaysLater();
        desk.advanceWallClock(Duration.ofSeconds(11));

        assertThat(desk.entries(StoreNames.RATINGS)).isZero();
        assertThat(desk.entries(StoreNames.CONVERSATIONS)).isEqualTo(1);
        assertThat(desk.report(new ReportQuery(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-03T00:00:00Z"),
                Granularity.TOTAL, List.of("department"), ZoneOffset.UTC, Set.of(), Set.of(), Set.of(), List.of())))
                .isEmpty();
        List<KeyValue<String, byte[]>> tombstones = desk.reportRowRecords().stream().filter(row -> row.value == null)
                .toList();
        assertThat(tombstones).extracting(row -> row.key).containsExactlyInAnyOrderElementsOf(oldCells);
        assertThat(desk.entries(StoreNames.REPORT_CELLS)).as("only the new cell").isEqualTo(1);
    }

    @Test
    void oneExpiryForgetsABoundedNumberAndTheNextOnesTheRest() throws Exception {
        start();
        int old = 12_000;
        String[] created = new String[old];
        for (int i = 0; i < old; i++) {
            created[i] = "{\"id\": \"c-" + i + "\", \"type\": \"chat.started\", \"ts\": \"2026-11-02T10:00:00Z\", "
                    + "\"chatId\": \"chat-" + i + "\", \"departmentId\": \"support\"}";
        }
        desk.events(created);
        assertThat(desk.entries(StoreNames.CONVERSATIONS)).isEqualTo(old);

        fortyDaysLater();
        long afterOne = desk.entries(StoreNames.CONVERSATIONS);
        desk.advanceWallClock(Duration.ofSeconds(11));
        desk.advanceWallClock(Duration.ofSeconds(11));

        assertThat(afterOne).as("one expiry forgets at most its budget").isBetween(old + 1L - 5_000, old + 1L - 1);
        assertThat(desk.entries(StoreNames.CONVERSATIONS)).as("only the new conversation is left").isEqualTo(1);
        assertThat(desk.entries(StoreNames.EXPIRY_INDEX)).isEqualTo(1);
    }

    @Test
    void theReportRowStageForgetsABoundedNumberOfCellsAtATimeAndTheNextRunsTheRest() throws Exception {
        start();
        int departments = 10;
        int hours = 720;
        for (int d = 1; d < departments; d++) {
            desk.department("{\"id\": \"d-" + d + "\", \"name\": \"D" + d + "\"}");
        }
        // One ticket in each hour of October for each of ten departments: 7,200 cells of the report-row stage.
        String[] created = new String[departments * hours];
        Instant october = Instant.parse("2026-10-01T00:00:00Z");
        for (int h = 0; h < hours; h++) {
            for (int d = 0; d < departments; d++) {
                String department = d == 0 ? "support" : "d-" + d;
                created[h * departments + d] = "{\"id\": \"t-" + h + "-" + d + "\", \"type\": \"ticket.created\", \"ts\": \""
                        + october.plus(Duration.ofHours(h)) + "\", \"ticketId\": \"t-" + h + "-" + d
                        + "\", \"channel\": \"email\", \"departmentId\": \"" + department + "\"}";
            }
        }
        desk.events(created);
        desk.advanceWallClock(Duration.ofSeconds(3));
        long cells = desk.entries(StoreNames.REPORT_CELLS);
        assertThat(cells).isEqualTo((long) departments * hours);

        desk.eventLines("""
                {"id": "later", "type": "ticket.created", "ts": "2026-12-12T10:00:00Z", "ticketId": "later", "channel": "email", "departmentId": "support"}
                """);
        List<Long> afterEachRun = new java.util.ArrayList<>();
        for (int run = 0; run < 4; run++) {
            desk.advanceWallClock(Duration.ofSeconds(11));
            afterEachRun.add(desk.entries(StoreNames.REPORT_CELLS));
        }

        long before = cells + 1;
        for (long after : afterEachRun) {
            assertThat(before - after).as("forgotten in one run, after %s", afterEachRun)
                    .isLessThanOrEqualTo(ReportRowStage.EXPIRY_BUDGET);
            before = after;
        }
        assertThat(afterEachRun.get(afterEachRun.size() - 1)).as("only the new cell is left").isEqualTo(1);
    }
}
