package io.deskstream.launcher;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

import io.deskstream.simulator.BikeShopHelpDesk;
import io.deskstream.simulator.HelpDeskSimulation;

/**
 * Where the bench's simulated history starts and how densely its events come (per second of simulated time). By
 * default a month of history ending now, as the bench always had; or as dense as it takes for a given number of
 * conversations to be open at once: the denser the events, the more conversations are open at once, since a
 * conversation lasts as long in simulated time whatever the rate.
 */
record SimulatedPace(Instant start, double eventsPerSecond) {

    private static final Duration HISTORY = Duration.ofDays(30);
    private static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Prague");
    /** Events a calibration run simulates: enough for a steady count, few enough to take a second or two. */
    private static final long PROBE_EVENTS = 100_000;
    private static final int PROBES = 12;
    /**
     * The densest pace the simulation keeps: it starts at most one conversation a simulated millisecond, which at the
     * busiest hour (2.6 times the week's average) and some six events a conversation is about this average rate.
     */
    private static final double DENSEST = 1_000 / 2.7 * 6;

    /** {@code total} events spread over the month up to now. */
    static SimulatedPace month(long total, Instant now) {
        // The simulation's rate is per second of simulated time; events come a little over 70% of the days.
        return new SimulatedPace(now.minus(HISTORY), total / (HISTORY.toSeconds() * 0.7));
    }

    /**
     * As dense as it takes for {@code open} conversations to be open on average while the last {@code timed} of
     * {@code total} events are handed out. The history starts on a Monday at 07:00 in the shop's time zone, so that
     * the short histories of many open conversations are a busy weekday (the shop's traffic follows the hour), and
     * ends before now.
     *
     * <p>Calibrated by simulating: open conversations grow with the rate, but not in proportion, because the history
     * gets shorter as it gets denser and a conversation started late has not ended yet. So the rate is found by
     * bisection, each step simulating the same history thinned out to {@value #PROBE_EVENTS} events (a thinned
     * Poisson process is the same process at a lower rate: its open conversations are thinned alike).
     *
     * @throws IllegalArgumentException if no rate opens that many with that many events
     */
    static SimulatedPace dense(BikeShopHelpDesk desk, long total, long timed, long open, Instant now) {
        Instant reference = mondayMorning(now.minus(Duration.ofDays(7)));
        double thinning = Math.max(1, total / (double) PROBE_EVENTS);
        // From a hundredth of a month's pace, which leaves hardly any conversation open, to the densest.
        double low = Math.min(month(total, now).eventsPerSecond() / 100, DENSEST / 2);
        double high = DENSEST;
        Probe lowest = probe(desk, reference, low, total, timed, thinning);
        if (lowest.open() > open) {
            throw new IllegalArgumentException(("--open-conversations %,d is too few for %,d events in all (at least "
                    + "about %,.0f are open at once): lower --events").formatted(open, total, lowest.open()));
        }
        Probe highest = probe(desk, reference, high, total, timed, thinning);
        if (highest.open() < open) {
            throw new IllegalArgumentException(("--open-conversations %,d cannot be reached with %,d events in all "
                    + "(at most about %,.0f are open at once): raise --events").formatted(open, total, highest.open()));
        }
        for (int i = 0; i < PROBES; i++) {
            double middle = Math.sqrt(low * high);
            if (probe(desk, reference, middle, total, timed, thinning).open() < open) {
                low = middle;
            } else {
                high = middle;
            }
        }
        double rate = Math.sqrt(low * high);
        Duration span = probe(desk, reference, rate, total, timed, thinning).span();
        // The same weekday and hour, as many weeks earlier as the history needs to end before now.
        Duration over = Duration.between(now, reference.plus(span).plus(Duration.ofDays(1)));
        long weeks = Math.max(0, (long) Math.ceil(over.toSeconds() / (double) Duration.ofDays(7).toSeconds()));
        return new SimulatedPace(reference.atZone(SHOP_ZONE).minusWeeks(weeks).toInstant(), rate);
    }

    private record Probe(double open, Duration span) {
    }

    private static Probe probe(BikeShopHelpDesk desk, Instant start, double rate, long total, long timed,
                               double thinning) {
        SimulationCursor cursor = new SimulationCursor(new HelpDeskSimulation(1, start, rate / thinning, desk), start,
                rate / thinning);
        long events = Math.max(1, Math.round(total / thinning));
        long before = events - Math.max(1, Math.round(timed / thinning));
        for (long i = 0; i < events; i++) {
            if (i == before) {
                cursor.openConversations();
            }
            cursor.next();
        }
        return new Probe(cursor.openConversations().mean() * thinning,
                Duration.between(start, cursor.simulatedUntil()));
    }

    private static Instant mondayMorning(Instant atOrBefore) {
        ZonedDateTime local = atOrBefore.atZone(SHOP_ZONE);
        ZonedDateTime monday = local.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).with(LocalTime.of(7, 0));
        return (monday.isAfter(local) ? monday.minusWeeks(1) : monday).toInstant();
    }
}
