package io.deskstream.api.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

import io.deskstream.topology.metrics.ReportHours;
import io.deskstream.topology.report.Granularity;
import io.deskstream.topology.report.ReportQuery;

/**
 * The buckets of a report's range by position: the first bucket is 0, the next 1, and so on, in the report time
 * zone's calendar. Positions are counted, never listed, so that a long range by the hour costs nothing.
 */
final class BucketPositions {

    private final ReportQuery query;
    private final Instant first;
    private final int count;

    BucketPositions(ReportQuery query) {
        this.query = query;
        this.first = query.granularity().bucketOf(query.from(), query.zone(), query.from());
        Instant lastHour = new ReportHours(query.zone()).startOf(query.to().minusSeconds(1));
        this.count = of(query.granularity().bucketOf(lastHour, query.zone(), query.from())) + 1;
    }

    /** The position of a bucket of this range, as the report names it. */
    int of(Instant bucket) {
        return switch (query.granularity()) {
            // A local hour is 60 minutes but where clocks move by half an hour: the nearest count of hours.
            case HOUR -> (int) Math.round(Duration.between(first, bucket).toMinutes() / 60.0);
            case DAY -> (int) ChronoUnit.DAYS.between(day(first), day(bucket));
            case WEEK -> (int) ChronoUnit.WEEKS.between(day(first), day(bucket));
            case MONTH -> (int) ChronoUnit.MONTHS.between(YearMonth.from(day(first)), YearMonth.from(day(bucket)));
            case YEAR -> day(bucket).getYear() - day(first).getYear();
            case TOTAL -> 0;
        };
    }

    /** The bucket at {@code position}, or null past the last bucket of the range. */
    Instant at(int position) {
        if (position < 0 || position >= count) {
            return null;
        }
        Granularity granularity = query.granularity();
        if (granularity == Granularity.HOUR) {
            return new ReportHours(query.zone()).startOf(first.plus(Duration.ofHours(position)));
        }
        LocalDate start = day(first);
        LocalDate day = switch (granularity) {
            case DAY -> start.plusDays(position);
            case WEEK -> start.plusWeeks(position);
            case MONTH -> start.plusMonths(position);
            case YEAR -> start.plusYears(position);
            default -> start;
        };
        return day.atStartOfDay(query.zone()).toInstant();
    }

    private LocalDate day(Instant instant) {
        return instant.atZone(query.zone()).toLocalDate();
    }
}
