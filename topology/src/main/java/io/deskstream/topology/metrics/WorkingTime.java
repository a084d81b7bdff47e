package io.deskstream.topology.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.deskstream.schemas.config.Department;
import io.deskstream.schemas.config.WorkingInterval;
import io.deskstream.schemas.json.DepartmentJson;

/**
 * Seconds of a span that fall in a department's working hours (metrics.md, Response samples), read in its time zone
 * (UTC by default). Each working interval is turned into instants on its own local date, so a DST change inside a
 * wait counts the hours the clock really had. No working hours at all means every second is working time.
 */
public final class WorkingTime {

    private WorkingTime() {
    }

    public static double seconds(Department department, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        if (department == null || department.getWorkingHours() == null) {
            return Duration.between(from, to).toMillis() / 1000.0;
        }
        ZoneId zone = department.getTimezone() == null ? ZoneId.of("UTC") : ZoneId.of(department.getTimezone());
        Map<String, List<WorkingInterval>> hours = department.getWorkingHours();
        long millis = 0;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            String name = day.getDayOfWeek().name().substring(0, 3).toLowerCase(Locale.ROOT);
            for (WorkingInterval interval : hours.getOrDefault(name, List.of())) {
                Instant start = at(day, interval.getStart(), zone);
                Instant end = at(day, interval.getEnd(), zone);
                Instant overlapStart = start.isAfter(from) ? start : from;
                Instant overlapEnd = end.isBefore(to) ? end : to;
                if (overlapEnd.isAfter(overlapStart)) {
                    millis += Duration.between(overlapStart, overlapEnd).toMillis();
                }
            }
        }
        return millis / 1000.0;
    }

    private static Instant at(LocalDate day, String hhmm, ZoneId zone) {
        int minute = DepartmentJson.minuteOfDay(hhmm);
        ZonedDateTime midnight = day.atStartOfDay(zone);
        return midnight.toLocalDateTime().plusMinutes(minute).atZone(zone).toInstant();
    }
}
