package io.deskstream.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.simulator.HelpDeskSimulation;

/**
 * Hands out a simulation's events one at a time, drawing them a step of simulated time at a time, and counts how many
 * conversations were in flight in the simulation — open: started and with events still to come — as each event was
 * handed out.
 */
final class SimulationCursor {

    /** What a step draws at most on average: enough to keep the simulation's overhead low, few enough to hold. */
    private static final double EVENTS_PER_STEP = 1_000;
    private static final Duration LONGEST_STEP = Duration.ofMinutes(10);

    private final HelpDeskSimulation simulation;
    private final Duration step;
    private final Deque<ObjectNode> drawn = new ArrayDeque<>();
    private Instant until;
    private int inFlight;
    private long handedOut;
    private double inFlightSum;
    private int inFlightMax;

    SimulationCursor(HelpDeskSimulation simulation, Instant start, double eventsPerSecond) {
        this.simulation = simulation;
        this.until = start;
        // Ten minutes, as the bench always drew, unless the history is so dense that a step would hold a crowd.
        long millis = (long) Math.min(LONGEST_STEP.toMillis(), Math.max(1_000, 1_000 * EVENTS_PER_STEP / eventsPerSecond));
        this.step = Duration.ofMillis(millis);
    }

    ObjectNode next() {
        while (drawn.isEmpty()) {
            until = until.plus(step);
            drawn.addAll(simulation.eventsUntil(until));
            inFlight = simulation.conversationsInFlight();
        }
        handedOut++;
        inFlightSum += inFlight;
        inFlightMax = Math.max(inFlightMax, inFlight);
        return drawn.poll();
    }

    /** Open conversations over the events handed out since the last call (or the start); starts counting anew. */
    OpenConversations openConversations() {
        OpenConversations open = new OpenConversations(handedOut == 0 ? 0 : inFlightSum / handedOut, inFlightMax);
        handedOut = 0;
        inFlightSum = 0;
        inFlightMax = 0;
        return open;
    }

    /** How far the simulation has got. */
    Instant simulatedUntil() {
        return until;
    }

    /**
     * Conversations open in the simulation while a portion of its events was handed out.
     *
     * @param mean over the events, each counting the conversations open as it was drawn
     * @param max  the most at any step
     */
    record OpenConversations(double mean, int max) {
    }
}
