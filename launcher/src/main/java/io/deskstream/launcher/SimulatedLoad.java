package io.deskstream.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.ingest.EventPublisher;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.simulator.BikeShopHelpDesk;
import io.deskstream.simulator.HelpDeskSimulation;

/**
 * The benchmark's input: a simulated help desk replaying about a month of history that ends now, sent in portions
 * (a warm-up, then the timed run) as fast as Kafka takes them.
 */
final class SimulatedLoad {

    private static final Duration HISTORY = Duration.ofDays(30);
    private static final Duration STEP = Duration.ofMinutes(10);

    private final HelpDeskSimulation simulation;
    private final CanonicalEventParser parser = new CanonicalEventParser();
    private final Deque<ObjectNode> drawn = new ArrayDeque<>();
    private Instant until;

    /** @param total all the events the portions will take, spread over the history */
    SimulatedLoad(long total) {
        Instant start = Instant.now().minus(HISTORY);
        // The simulation's rate is per second of simulated time; events come a little over 70% of the days.
        double rate = total / (HISTORY.toSeconds() * 0.7);
        this.simulation = new HelpDeskSimulation(1, start, rate, new BikeShopHelpDesk());
        this.until = start;
    }

    /** Sends the next {@code count} events and waits until Kafka has them all. */
    void send(EventPublisher publisher, long count) throws Exception {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        long sent = 0;
        while (sent < count) {
            if (drawn.isEmpty()) {
                until = until.plus(STEP);
                drawn.addAll(simulation.eventsUntil(until));
                continue;
            }
            acks.add(publisher.publish(parser.parse(drawn.poll())));
            sent++;
            if (acks.size() >= 10_000) {
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
                acks.clear();
            }
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
    }
}
