package io.deskstream.api.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import io.deskstream.topology.report.Granularity;
import io.deskstream.topology.report.ReportQuery;
import org.junit.jupiter.api.Test;

class BucketPositionsTest {

    private static BucketPositions of(String from, String to, Granularity granularity, String zone) {
        return new BucketPositions(new ReportQuery(Instant.parse(from), Instant.parse(to), granularity, List.of(),
                ZoneId.of(zone), Set.of(), Set.of(), Set.of(), List.of()));
    }

    @Test
    void daysAreCountedFromTheFirstBucketInTheReportTimeZone() {
        BucketPositions days = of("2026-10-24T22:00:00Z", "2026-10-27T23:00:00Z", Granularity.DAY, "Europe/Prague");
        assertThat(days.of(Instant.parse("2026-10-24T22:00:00Z"))).isZero();
        // The 25th has 25 hours in Prague: the 26th starts at 23:00Z, still the next day.
        assertThat(days.of(Instant.parse("2026-10-25T23:00:00Z"))).isEqualTo(1);
        assertThat(days.at(1)).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(days.at(2)).isEqualTo(Instant.parse("2026-10-26T23:00:00Z"));
        assertThat(days.at(3)).isNull();
    }

    @Test
    void weeksStartOnTheMondayBeforeTheRange() {
        BucketPositions weeks = of("2026-11-04T00:00:00Z", "2026-11-20T00:00:00Z", Granularity.WEEK, "UTC");
        assertThat(weeks.at(0)).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
        assertThat(weeks.of(Instant.parse("2026-11-16T00:00:00Z"))).isEqualTo(2);
        assertThat(weeks.at(3)).isNull();
    }

    @Test
    void hoursAndMonthsAndTotal() {
        assertThat(of("2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z", Granularity.HOUR, "UTC")
                .of(Instant.parse("2026-11-02T17:00:00Z"))).isEqualTo(17);
        BucketPositions months = of("2026-01-01T00:00:00Z", "2026-12-01T00:00:00Z", Granularity.MONTH, "UTC");
        assertThat(months.of(Instant.parse("2026-11-01T00:00:00Z"))).isEqualTo(10);
        assertThat(months.at(11)).isNull();
        BucketPositions total = of("2026-01-01T00:00:00Z", "2026-12-01T00:00:00Z", Granularity.TOTAL, "UTC");
        assertThat(total.at(0)).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(total.at(1)).isNull();
    }

    @Test
    void aRangeOfThousandsOfYearsByTheHourIsCountedNotListed() {
        BucketPositions hours = of("1970-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", Granularity.HOUR, "UTC");
        assertThat(hours.at(70_000_000)).isNotNull();
    }
}
