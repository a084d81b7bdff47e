package io.deskstream.topology.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** The size of report buckets (metrics.md, Buckets), read in the report time zone; weeks are ISO weeks from Monday. */
public enum Granularity {
    HOUR, DAY, WEEK, MONTH, YEAR, TOTAL;

    /**
     * The start of the bucket that a cell falls in, the cell being a local hour of {@code zone} named by its start;
     * {@code total} is one bucket named by {@code from}.
     */
    public Instant bucketOf(Instant hour, ZoneId zone, Instant from) {
        ZonedDateTime local = hour.atZone(zone);
        return switch (this) {
            case HOUR -> hour;
            case DAY -> local.truncatedTo(ChronoUnit.DAYS).toInstant();
            case WEEK -> local.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
            case MONTH -> local.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
            case YEAR -> local.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1).toInstant();
            case TOTAL -> from;
        };
    }

    public static Granularity parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("granularity must be one of hour, day, week, month, year, total; got \""
                    + text + "\"");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
