package io.deskstream.api.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.deskstream.api.ApiError;
import io.deskstream.api.ApiRoute;
import io.deskstream.api.auth.Caller;
import io.deskstream.topology.metrics.ReportHours;
import io.deskstream.topology.report.CellTotals;
import io.deskstream.topology.report.Granularity;
import io.deskstream.topology.report.ReportQuery;

/**
 * The parameters of {@code GET /api/v1/reports/departments} (api.md) read into a {@link ReportQuery}, with the
 * defaults of the spec, narrowed to the caller's departments. Anything malformed or unknown answers 400 naming the
 * parameter: a typo silently ignored would give a report of something else.
 */
public final class ReportParameters {

    public static final int DEFAULT_DAYS = 7;
    public static final List<ApiRoute.Parameter> DESCRIBED = List.of(
            new ApiRoute.Parameter("from", "ISO instant on a whole hour of the report time zone, inclusive; "
                    + "default: 7 days before to"),
            new ApiRoute.Parameter("to", "ISO instant on a whole hour of the report time zone, exclusive; "
                    + "default: the end of the current hour"),
            new ApiRoute.Parameter("granularity", "hour, day, week, month, year or total; default day"),
            new ApiRoute.Parameter("groupBy", "comma-separated subset of department, channel, agent; default department"),
            new ApiRoute.Parameter("department", "departments to keep, comma-separated"),
            new ApiRoute.Parameter("channel", "channels to keep, comma-separated"),
            new ApiRoute.Parameter("agent", "agents to keep, comma-separated"),
            new ApiRoute.Parameter("sort", "columns, comma-separated, '-' in front for descending; default bucket,department"),
            new ApiRoute.Parameter("format", "json or csv; default json, or csv when Accept is text/csv"),
            new ApiRoute.Parameter("compare", "previous (the range of the same length just before) or previous-year "
                    + "(the same dates a year before): each row gains the compared range's columns, under previous "
                    + "(JSON) or as previous_* columns (CSV); default none"));
    /** The range {@code from} and {@code to} may name: no event is before 1970. */
    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");
    private static final Set<String> KNOWN = Set.of("from", "to", "granularity", "groupBy", "department", "channel",
            "agent", "sort", "format", "compare");

    /**
     * @param csv        whether the answer is CSV rather than JSON
     * @param askedRange {@code from} and {@code to} as asked, an absent one empty: a range that follows the clock
     *                   (the last 7 days) is asked the same way from one hour to the next
     * @param compare    the period compared with, or null for none
     * @param compared   the question over the compared range, or null for none
     */
    public record Request(ReportQuery query, boolean csv, String askedRange, ComparedPeriod compare,
                          ReportQuery compared) {
    }

    private ReportParameters() {
    }

    /**
     * @param acceptsCsv whether the request's {@code Accept} asks for {@code text/csv}, used when {@code format} is absent
     */
    public static Request read(Map<String, List<String>> parameters, boolean acceptsCsv, Caller caller, ZoneId zone,
                               Instant now) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!KNOWN.contains(parameter.getKey())) {
                throw ApiError.badRequest("unknown parameter " + parameter.getKey() + "; the report takes "
                        + String.join(", ", DESCRIBED.stream().map(ApiRoute.Parameter::name).toList()));
            }
            if (parameter.getValue().size() > 1) {
                throw ApiError.badRequest("parameter " + parameter.getKey() + " is given more than once; "
                        + "list several values comma-separated instead");
            }
        }
        ReportHours hours = new ReportHours(zone);
        Instant defaultTo = hours.next(now);
        Instant to = hour(parameters, "to", hours);
        Instant from = hour(parameters, "from", hours);
        String askedRange = "from=" + (from == null ? "" : from) + "&to=" + (to == null ? "" : to);
        if (to == null) {
            to = from == null || from.isBefore(defaultTo) ? defaultTo : hours.startOf(from.atZone(zone).plusDays(DEFAULT_DAYS).toInstant());
        }
        if (from == null) {
            // Seven days of the local calendar: across a change of offset that is not 7 × 24 hours.
            from = hours.startOf(to.atZone(zone).minusDays(DEFAULT_DAYS).toInstant());
        }
        if (!to.isAfter(from)) {
            throw ApiError.badRequest("to (" + to + ") must be after from (" + from + ")");
        }
        Granularity granularity;
        try {
            granularity = Granularity.parse(one(parameters, "granularity", "day"));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        List<String> groupBy = list(parameters, "groupBy", "department");
        for (String dimension : groupBy) {
            if (!ReportQuery.DIMENSIONS.contains(dimension)) {
                throw ApiError.badRequest("groupBy takes department, channel and agent; got \"" + dimension + "\"");
            }
        }
        if (new LinkedHashSet<>(groupBy).size() != groupBy.size()) {
            throw ApiError.badRequest("groupBy names a dimension twice: " + String.join(",", groupBy));
        }
        List<String> sort = list(parameters, "sort", "bucket,department");
        for (String key : sort) {
            String column = key.startsWith("-") ? key.substring(1) : key;
            if (!column.equals("bucket") && !ReportQuery.DIMENSIONS.contains(column) && !CellTotals.COLUMNS.contains(column)) {
                throw ApiError.badRequest("sort names \"" + column + "\", which is not a column of the report");
            }
        }
        String format = one(parameters, "format", acceptsCsv ? "csv" : "json");
        if (!format.equals("json") && !format.equals("csv")) {
            throw ApiError.badRequest("format must be json or csv; got \"" + format + "\"");
        }
        String comparedWith = one(parameters, "compare", null);
        ComparedPeriod compare = comparedWith == null ? null : ComparedPeriod.parse(comparedWith);
        Set<String> departments = caller.departmentsFor(set(parameters, "department"), "department");
        ReportQuery query = new ReportQuery(from, to, granularity, groupBy, zone, departments,
                set(parameters, "channel"), set(parameters, "agent"), sort);
        return new Request(query, format.equals("csv"), askedRange, compare, compare == null ? null : compare.of(query));
    }

    /** An instant where an hour of the report time zone starts (18:30Z in Asia/Kolkata), or null when absent. */
    private static Instant hour(Map<String, List<String>> parameters, String name, ReportHours hours) {
        String text = one(parameters, name, null);
        if (text == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(name + " must be an ISO instant such as 2026-11-02T00:00:00Z; got \"" + text + "\"");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            // Events are from 1970 on; far outside, the report time zone's calendar has no days to count in.
            throw ApiError.badRequest(name + " must be from " + EARLIEST + " to " + LATEST + "; got \"" + text + "\"");
        }
        if (!hours.isStart(instant)) {
            Instant before = hours.startOf(instant);
            throw ApiError.badRequest(name + " must be a whole hour of the report time zone " + hours.zone().getId()
                    + " (the report is kept by its hours); got \"" + text + "\", the nearest are " + before + " and "
                    + hours.next(before));
        }
        return instant;
    }

    private static String one(Map<String, List<String>> parameters, String name, String fallback) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0).strip();
    }

    private static List<String> list(Map<String, List<String>> parameters, String name, String fallback) {
        List<String> items = new ArrayList<>();
        for (String item : one(parameters, name, fallback).split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    private static Set<String> set(Map<String, List<String>> parameters, String name) {
        return new LinkedHashSet<>(list(parameters, name, ""));
    }
}
