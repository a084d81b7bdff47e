package io.deskstream.topology.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The hours of the report time zone's clock, which are the report's cells: every bucket of that zone (an hour, a day
 * from local midnight, a week, a month) is a union of whole local hours, also where the zone's offset is not a whole
 * number of hours (Asia/Kolkata +05:30, Asia/Kathmandu +05:45) or moves by half an hour (Australia/Lord_Howe).
 *
 * <p>A local hour is named by the instant it starts. Around a change of offset a local hour can be shorter or longer
 * than 60 minutes (Lord Howe's clocks skip from 02:00 to 02:30), and a repeated local hour (New York's 01:00 on the
 * night clocks go back) is two hours, each named by its own start; so is Lord Howe's repeated half hour. No local
 * hour is longer than 60 minutes.
 */
public final class ReportHours {

    private static final long HOUR_SECONDS = 3600;
    /** Every offset in use is a multiple of 15 minutes: a step that cannot jump over an hour boundary. */
    private static final Duration STEP = Duration.ofMinutes(15);

    private final ZoneId zone;
    private final ZoneRules rules;
    /** The offset of a zone that never changes it (UTC, Asia/Kolkata), else null. */
    private final ZoneOffset fixed;

    public ReportHours(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.fixed = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
    }

    public static ReportHours utc() {
        return new ReportHours(ZoneOffset.UTC);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The start of the local hour that {@code ts} falls in. */
    public Instant startOf(Instant ts) {
        ZoneOffset offset = fixed != null ? fixed : rules.getOffset(ts);
        long localSeconds = ts.getEpochSecond() + offset.getTotalSeconds();
        long start = Math.floorDiv(localSeconds, HOUR_SECONDS) * HOUR_SECONDS - offset.getTotalSeconds();
        if (fixed != null || rules.getOffset(Instant.ofEpochSecond(start)).equals(offset)) {
            return Instant.ofEpochSecond(start);
        }
        // The offset changed within this local hour, so the hour starts at the change: after a gap (Lord Howe's 02:00
        // becoming 02:30) the rest of the hour is a shorter one, and after an overlap the repeated clock time is an
        // hour of its own, as New York's repeated 01:00 is, rather than one cell longer than an hour.
        ZoneOffsetTransition change = rules.previousTransition(ts.plusNanos(1));
        return change.getInstant().isAfter(Instant.ofEpochSecond(start)) ? change.getInstant()
                : Instant.ofEpochSecond(start);
    }

    /** Whether {@code instant} is where a local hour starts. */
    public boolean isStart(Instant instant) {
        return startOf(instant).equals(instant);
    }

    /** The start of the local hour after the one that starts at or contains {@code instant}. */
    public Instant next(Instant instant) {
        Instant start = startOf(instant);
        Instant probe = start.plus(STEP);
        while (startOf(probe).equals(start)) {
            probe = probe.plus(STEP);
        }
        return startOf(probe);
    }
}
