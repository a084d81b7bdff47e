package io.deskstream.api.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import io.deskstream.api.ApiError;
import io.deskstream.topology.report.Granularity;
import io.deskstream.topology.report.ReportQuery;
import org.junit.jupiter.api.Test;

class ComparedPeriodTest {

    private static ReportQuery range(String from, String to, ZoneId zone) {
        return new ReportQuery(Instant.parse(from), Instant.parse(to), Granularity.DAY, List.of("department"), zone,
                Set.of("sales"), Set.of(), Set.of(), List.of("bucket"));
    }

    @Test
    void previousOfADayIsTheDayBefore() {
        ReportQuery compared = ComparedPeriod.PREVIOUS.of(range("2026-11-04T00:00:00Z", "2026-11-05T00:00:00Z", ZoneOffset.UTC));
        assertThat(compared.from()).isEqualTo(Instant.parse("2026-11-03T00:00:00Z"));
        assertThat(compared.to()).isEqualTo(Instant.parse("2026-11-04T00:00:00Z"));
    }

    @Test
    void previousKeepsEverythingButTheRange() {
        ReportQuery query = range("2026-11-04T00:00:00Z", "2026-11-05T00:00:00Z", ZoneOffset.UTC);
        ReportQuery compared = ComparedPeriod.PREVIOUS.of(query);
        assertThat(compared.granularity()).isEqualTo(query.granularity());
        assertThat(compared.groupBy()).isEqualTo(query.groupBy());
        assertThat(compared.departments()).isEqualTo(query.departments());
        assertThat(compared.sort()).isEqualTo(query.sort());
    }

    @Test
    void previousOfHoursIsAsManyHoursJustBefore() {
        ReportQuery compared = ComparedPeriod.PREVIOUS.of(range("2026-11-04T00:00:00Z", "2026-11-04T15:00:00Z", ZoneOffset.UTC));
        assertThat(compared.from()).isEqualTo(Instant.parse("2026-11-03T09:00:00Z"));
        assertThat(compared.to()).isEqualTo(Instant.parse("2026-11-04T00:00:00Z"));
    }

    @Test
    void previousOfAWeekOverAChangeOfClocksIsSevenLocalDays() {
        // Prague: 2026-10-25 has 25 hours. The week of Oct 26 to Nov 2 is compared with Oct 19 to 26, midnight to midnight.
        ZoneId prague = ZoneId.of("Europe/Prague");
        ReportQuery compared = ComparedPeriod.PREVIOUS.of(range("2026-10-25T23:00:00Z", "2026-11-01T23:00:00Z", prague));
        assertThat(compared.from()).isEqualTo(Instant.parse("2026-10-18T22:00:00Z"));
        assertThat(compared.to()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
    }

    @Test
    void previousYearIsTheSameDatesAYearBefore() {
        ReportQuery compared = ComparedPeriod.PREVIOUS_YEAR.of(range("2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z", ZoneOffset.UTC));
        assertThat(compared.from()).isEqualTo(Instant.parse("2025-11-02T00:00:00Z"));
        assertThat(compared.to()).isEqualTo(Instant.parse("2025-11-09T00:00:00Z"));
    }

    @Test
    void previousYearOfTheTwentyNinthOfFebruaryIsTheTwentyEighth() {
        ReportQuery compared = ComparedPeriod.PREVIOUS_YEAR.of(range("2028-02-29T00:00:00Z", "2028-03-01T00:00:00Z", ZoneOffset.UTC));
        assertThat(compared.from()).isEqualTo(Instant.parse("2027-02-28T00:00:00Z"));
        assertThat(compared.to()).isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
    }

    @Test
    void previousYearInAZoneOfHalfHoursStaysOnItsLocalMidnight() {
        ReportQuery compared = ComparedPeriod.PREVIOUS_YEAR.of(
                range("2026-11-01T18:30:00Z", "2026-11-02T18:30:00Z", ZoneId.of("Asia/Kolkata")));
        assertThat(compared.from()).isEqualTo(Instant.parse("2025-11-01T18:30:00Z"));
    }

    @Test
    void aComparedRangeBefore1970Answers400() {
        assertThatThrownBy(() -> ComparedPeriod.PREVIOUS_YEAR.of(range("1970-03-01T00:00:00Z", "1970-04-01T00:00:00Z", ZoneOffset.UTC)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("compare=previous-year").hasMessageContaining("1970");
    }

    @Test
    void anUnknownPeriodAnswers400NamingTheTwoThereAre() {
        assertThatThrownBy(() -> ComparedPeriod.parse("yesterday"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("compare").hasMessageContaining("previous-year").hasMessageContaining("yesterday");
    }
}
