package io.deskstream.api.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import io.deskstream.api.ApiError;
import io.deskstream.topology.metrics.ReportHours;
import io.deskstream.topology.report.ReportQuery;

/**
 * The range a report is compared with ({@code compare}): the range of the same length just before it, or the same
 * dates a year before, in the report time zone.
 */
public enum ComparedPeriod {
    PREVIOUS("previous"),
    PREVIOUS_YEAR("previous-year");

    private final String name;

    ComparedPeriod(String name) {
        this.name = name;
    }

    /** The period {@code text} names; 400 for anything else. */
    static ComparedPeriod parse(String text) {
        for (ComparedPeriod period : values()) {
            if (period.name.equals(text)) {
                return period;
            }
        }
        throw ApiError.badRequest("compare must be previous (the range of the same length just before) or"
                + " previous-year (the same dates a year before); got \"" + text + "\"");
    }

    /** The question of the compared range: {@code query} with its range moved, everything else the same. */
    ReportQuery of(ReportQuery query) {
        ReportHours hours = new ReportHours(query.zone());
        Instant from;
        Instant to;
        if (this == PREVIOUS) {
            from = before(query, hours);
            to = query.from();
        } else {
            from = hours.startOf(query.from().atZone(query.zone()).minusYears(1).toInstant());
            to = hours.startOf(query.to().atZone(query.zone()).minusYears(1).toInstant());
        }
        if (from.isBefore(ReportParameters.EARLIEST) || !to.isAfter(from)) {
            throw ApiError.badRequest("compare=" + name + " of " + query.from() + " to " + query.to() + " would reach"
                    + " before " + ReportParameters.EARLIEST + ", where there are no events; ask a later range");
        }
        return new ReportQuery(from, to, query.granularity(), query.groupBy(), query.zone(), query.departments(),
                query.channels(), query.agents(), query.sort());
    }

    /**
     * The start of the range of the same length before {@code query}'s: the same number of local days for a range of
     * whole days (a day when clocks change is one day, not 23 or 25 hours), else the same number of hours.
     */
    private static Instant before(ReportQuery query, ReportHours hours) {
        ZoneId zone = query.zone();
        LocalDate fromDay = query.from().atZone(zone).toLocalDate();
        LocalDate toDay = query.to().atZone(zone).toLocalDate();
        if (startsDay(query.from(), zone) && startsDay(query.to(), zone)) {
            return fromDay.minusDays(ChronoUnit.DAYS.between(fromDay, toDay)).atStartOfDay(zone).toInstant();
        }
        return hours.startOf(query.from().minus(Duration.between(query.from(), query.to())));
    }

    private static boolean startsDay(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant().equals(instant);
    }

    @Override
    public String toString() {
        return name;
    }
}
