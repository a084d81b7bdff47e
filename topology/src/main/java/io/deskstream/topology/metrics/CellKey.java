package io.deskstream.topology.metrics;

import java.time.Instant;

import io.deskstream.topology.routing.RoutingOutcome;

/**
 * A report cell: the hour of the report time zone's clock an event counts in ({@link ReportHours}), and the
 * department, channel and agent it counts for.
 *
 * @param hour  the instant the local hour starts
 * @param agent null when nobody is meant
 */
public record CellKey(Instant hour, String department, String channel, String agent) {

    private static final char SEPARATOR = '\u001f';
    /** Minutes since the epoch: local hours start on a quarter hour in some zones. */
    private static final int HOUR_DIGITS = 10;

    /** The cell of an event at {@code ts}; a conversation without a department counts for {@code none}. */
    public static CellKey of(ReportHours hours, Instant ts, String department, String channel, String agent) {
        return new CellKey(hours.startOf(ts), department == null ? RoutingOutcome.NO_DEPARTMENT : department, channel, agent);
    }

    /** The store key: the hour's start first, zero-padded, so that a key range is a time range. */
    public String storeKey() {
        StringBuilder key = new StringBuilder(HOUR_DIGITS + department.length() + channel.length() + 24);
        appendHour(key, hour);
        key.append(department).append(SEPARATOR).append(channel).append(SEPARATOR);
        if (agent != null) {
            key.append(agent);
        }
        return key.toString();
    }

    /** The smallest store key of cells at or after {@code hour}. */
    public static String hourPrefix(Instant hour) {
        return appendHour(new StringBuilder(HOUR_DIGITS + 1), hour).toString();
    }

    /** The hour's start in minutes since the epoch, zero-padded to ten digits, and the separator. */
    private static StringBuilder appendHour(StringBuilder key, Instant hour) {
        String digits = Long.toString(Math.floorDiv(hour.getEpochSecond(), 60));
        for (int pad = digits.length(); pad < HOUR_DIGITS; pad++) {
            key.append('0');
        }
        return key.append(digits).append(SEPARATOR);
    }

    public static CellKey parse(String storeKey) {
        String[] parts = storeKey.split(String.valueOf(SEPARATOR), -1);
        String agent = parts[3].isEmpty() ? null : parts[3];
        return new CellKey(Instant.ofEpochSecond(Long.parseLong(parts[0]) * 60), parts[1], parts[2], agent);
    }
}
