package io.deskstream.simulator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * How busy the shop is at a moment, relative to its weekly average (which is 1): customers write in office hours,
 * peak late in the morning and after lunch, hardly at night, and less at weekends. Read in the shop's time zone.
 */
final class DailyShape {

    /** Relative traffic by local hour of a weekday, 0..23. */
    private static final double[] WEEKDAY = {
        0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.45, 0.9, 1.5, 2.0, 2.2, 2.1,
        1.6, 1.9, 2.0, 1.9, 1.7, 1.4, 1.0, 0.8, 0.6, 0.45, 0.3, 0.2};
    private static final double WEEKEND_FACTOR = 0.45;
    private static final double NORMALIZATION;

    static {
        double weekdays = 0;
        for (double h : WEEKDAY) {
            weekdays += h;
        }
        NORMALIZATION = (5 * weekdays + 2 * weekdays * WEEKEND_FACTOR) / (7 * 24);
    }

    private final ZoneId zone;

    DailyShape(ZoneId zone) {
        this.zone = zone;
    }

    /** The traffic at {@code at} relative to the weekly average. */
    double at(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        double hour = WEEKDAY[local.getHour()];
        boolean weekend = local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
        return (weekend ? hour * WEEKEND_FACTOR : hour) / NORMALIZATION;
    }
}
