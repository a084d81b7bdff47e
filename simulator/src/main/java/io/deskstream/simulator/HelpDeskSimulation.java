package io.deskstream.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A simulated help desk's events, in ts order, deterministic for a seed. Conversations arrive at random (a Poisson
 * process whose rate follows the {@link DailyShape}), each written whole by {@link ConversationScripts}; their events
 * are merged by time. Only conversations with events still to come are kept, so memory follows the number of
 * conversations in flight, not the length of the run; beyond {@link #MEMORY_BUDGET} of them, their events wait in a
 * temporary file.
 */
public final class HelpDeskSimulation implements AutoCloseable {

    /** The shop's time zone, for its daily rhythm. */
    static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Prague");

    /** A conversation with events still to come: when each is due, and where they wait ({@link EventsToCome}). */
    private static final class InFlight {
        private final EventsToCome.Held events;
        private final long[] times;
        private final long order;
        private int next;

        InFlight(EventsToCome.Held events, long[] times, long order) {
            this.events = events;
            this.times = times;
            this.order = order;
        }

        long nextTs() {
            return times[next];
        }

        long order() {
            return order;
        }

        byte[] takeNext() {
            return events.take(next++);
        }

        boolean done() {
            return next == times.length;
        }
    }

    /**
     * Events to come held in memory at most; the rest wait in a temporary file. Ordinary simulations stay far below
     * it (a month of the shop keeps some 2,300 conversations open, a few megabytes); a bench holding hundreds of
     * thousands open goes beyond.
     */
    static final long MEMORY_BUDGET = 128L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random;
    private final EventsToCome eventsToCome;
    private final double eventsPerSecond;
    private final ConversationScripts scripts;
    private final DailyShape shape = new DailyShape(SHOP_ZONE);
    private final PriorityQueue<InFlight> inFlight = new PriorityQueue<>(
            Comparator.comparingLong(InFlight::nextTs).thenComparingLong(InFlight::order));
    private static final long MAX_STEP_SECONDS = 60;
    private Instant cursor;
    private Instant nextArrival;
    private Instant simulatedUntil;
    private long conversations;
    private long eventsWritten;
    private long arrivals;

    public HelpDeskSimulation(long seed, Instant start, double eventsPerSecond, BikeShopHelpDesk desk) {
        this(seed, start, eventsPerSecond, desk, MEMORY_BUDGET);
    }

    HelpDeskSimulation(long seed, Instant start, double eventsPerSecond, BikeShopHelpDesk desk, long memoryBudget) {
        this.eventsToCome = new EventsToCome(memoryBudget);
        if (!(eventsPerSecond > 0)) {
            throw new IllegalArgumentException("the rate must be above 0 events per second, got " + eventsPerSecond);
        }
        this.random = new Random(seed);
        this.eventsPerSecond = eventsPerSecond;
        this.scripts = new ConversationScripts(random, new IdSource(seed), desk.agents(), desk.presets());
        this.simulatedUntil = start.truncatedTo(ChronoUnit.MILLIS);
        this.cursor = simulatedUntil;
    }

    /** Every event not returned yet with a ts before {@code until}, in ts order. */
    public List<ObjectNode> eventsUntil(Instant until) {
        while (true) {
            if (nextArrival == null) {
                // The rate changes through the day: a draw reaches at most a minute ahead, and a miss redraws from
                // there with the rate of that moment (exact for a Poisson process, which has no memory).
                double gap = exponential(conversationRate(cursor));
                if (gap > MAX_STEP_SECONDS) {
                    cursor = cursor.plusSeconds(MAX_STEP_SECONDS);
                    if (!cursor.isBefore(until)) {
                        break;
                    }
                    continue;
                }
                nextArrival = cursor.plusMillis(Math.max(1, (long) (1000 * gap)));
            }
            if (!nextArrival.isBefore(until)) {
                break;
            }
            arrive(nextArrival);
            cursor = nextArrival;
            nextArrival = null;
        }
        List<ObjectNode> due = new ArrayList<>();
        long untilMillis = until.toEpochMilli();
        while (!inFlight.isEmpty() && inFlight.peek().nextTs() < untilMillis) {
            InFlight conversation = inFlight.poll();
            due.add(json(conversation.takeNext()));
            if (!conversation.done()) {
                inFlight.add(conversation);
            }
        }
        if (until.isAfter(simulatedUntil)) {
            simulatedUntil = until;
        }
        return due;
    }

    /** The {@code until} of the latest call, or the start. */
    public Instant simulatedUntil() {
        return simulatedUntil;
    }

    /** Conversations with events still to come. */
    public int conversationsInFlight() {
        return inFlight.size();
    }

    /**
     * Frees the temporary file of events to come, if there is one. A simulation not closed frees it when it is
     * collected; one closed cannot hand out the events that were in the file.
     */
    @Override
    public void close() {
        eventsToCome.close();
    }

    private void arrive(Instant at) {
        double kind = random.nextDouble();
        List<ObjectNode> events = kind < 0.45 ? scripts.ticket(at) : kind < 0.8 ? scripts.chat(at) : scripts.call(at);
        byte[][] encoded = new byte[events.size()][];
        long[] times = new long[events.size()];
        for (int i = 0; i < times.length; i++) {
            encoded[i] = bytes(events.get(i));
            times[i] = Instant.parse(events.get(i).path("ts").asText()).toEpochMilli();
        }
        inFlight.add(new InFlight(eventsToCome.hold(encoded), times, arrivals++));
        conversations++;
        eventsWritten += events.size();
    }

    /**
     * Conversations per second now: the event rate over the events a conversation brings on average (measured on the
     * conversations so far, so that the event rate holds whatever the scripts do), shaped by the time of day.
     */
    private double conversationRate(Instant at) {
        double eventsPerConversation = conversations < 50 ? 6.0 : (double) eventsWritten / conversations;
        return eventsPerSecond / eventsPerConversation * shape.at(at);
    }

    private static byte[] bytes(ObjectNode event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode json(byte[] event) {
        try {
            return (ObjectNode) JSON.readTree(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double exponential(double rate) {
        return -Math.log(1 - random.nextDouble()) / rate;
    }
}
