package io.deskstream.topology.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** metrics.md, Buckets: an hour bucket is an hour of the report time zone's clock, named by the instant it starts. */
class ReportHoursTest {

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void inUtcAnHourStartsOnTheHour() {
        ReportHours utc = ReportHours.utc();

        assertThat(utc.startOf(at("2026-11-02T10:59:59Z"))).isEqualTo(at("2026-11-02T10:00:00Z"));
        assertThat(utc.next(at("2026-11-02T10:00:00Z"))).isEqualTo(at("2026-11-02T11:00:00Z"));
    }

    @Test
    void inKolkataAnHourStartsAtHalfPastTheUtcHour() {
        ReportHours kolkata = new ReportHours(ZoneId.of("Asia/Kolkata"));

        assertThat(kolkata.startOf(at("2026-11-02T18:45:00Z"))).isEqualTo(at("2026-11-02T18:30:00Z"));
        assertThat(kolkata.startOf(at("2026-11-02T18:29:59Z"))).isEqualTo(at("2026-11-02T17:30:00Z"));
        assertThat(kolkata.isStart(at("2026-11-02T18:30:00Z"))).isTrue();
        assertThat(kolkata.isStart(at("2026-11-02T18:00:00Z"))).isFalse();
    }

    @Test
    void inKathmanduAnHourStartsAtAQuarterToTheUtcHour() {
        ReportHours kathmandu = new ReportHours(ZoneId.of("Asia/Kathmandu"));

        assertThat(kathmandu.startOf(at("2026-11-02T18:14:00Z"))).isEqualTo(at("2026-11-02T17:15:00Z"));
        assertThat(kathmandu.next(at("2026-11-02T17:15:00Z"))).isEqualTo(at("2026-11-02T18:15:00Z"));
    }

    @Test
    void whenNewYorksClocksGoBackTheRepeatedLocalHourIsTwoHoursEachNamedByItsStart() {
        ReportHours newYork = new ReportHours(ZoneId.of("America/New_York"));

        // 2026-11-01: 01:00-02:00 EDT is 05:00Z-06:00Z, then 01:00-02:00 EST is 06:00Z-07:00Z.
        assertThat(newYork.startOf(at("2026-11-01T05:30:00Z"))).isEqualTo(at("2026-11-01T05:00:00Z"));
        assertThat(newYork.startOf(at("2026-11-01T06:30:00Z"))).isEqualTo(at("2026-11-01T06:00:00Z"));
        assertThat(newYork.next(at("2026-11-01T05:00:00Z"))).isEqualTo(at("2026-11-01T06:00:00Z"));
    }

    @Test
    void whenLordHowesClocksSkipHalfAnHourTheLocalHourAfterTheGapIsHalfAnHourLong() {
        ReportHours lordHowe = new ReportHours(ZoneId.of("Australia/Lord_Howe"));

        // 2026-10-04 02:00 +10:30 (15:30Z) becomes 02:30 +11:00: the local hour 02:xx runs 15:30Z-16:00Z.
        assertThat(lordHowe.startOf(at("2026-10-03T15:40:00Z"))).isEqualTo(at("2026-10-03T15:30:00Z"));
        assertThat(lordHowe.next(at("2026-10-03T15:30:00Z"))).isEqualTo(at("2026-10-03T16:00:00Z"));
        assertThat(lordHowe.startOf(at("2026-10-03T15:10:00Z"))).isEqualTo(at("2026-10-03T14:30:00Z"));
    }

    @Test
    void whenLordHowesClocksGoBackHalfAnHourTheRepeatedHalfHourIsACellOfItsOwn() {
        ReportHours lordHowe = new ReportHours(ZoneId.of("Australia/Lord_Howe"));

        // 2026-04-05 02:00 +11:00 (15:00Z) becomes 01:30 +10:30: 01:00-02:00 +11:00 is 14:00Z-15:00Z, the repeated
        // 01:30-02:00 +10:30 is 15:00Z-15:30Z, and 02:00 +10:30 starts at 15:30Z. No cell is longer than an hour.
        assertThat(lordHowe.startOf(at("2026-04-04T14:40:00Z"))).isEqualTo(at("2026-04-04T14:00:00Z"));
        assertThat(lordHowe.startOf(at("2026-04-04T15:10:00Z"))).isEqualTo(at("2026-04-04T15:00:00Z"));
        assertThat(lordHowe.startOf(at("2026-04-04T15:40:00Z"))).isEqualTo(at("2026-04-04T15:30:00Z"));
        assertThat(lordHowe.next(at("2026-04-04T14:00:00Z"))).isEqualTo(at("2026-04-04T15:00:00Z"));
        assertThat(lordHowe.next(at("2026-04-04T15:00:00Z"))).isEqualTo(at("2026-04-04T15:30:00Z"));
    }
}
