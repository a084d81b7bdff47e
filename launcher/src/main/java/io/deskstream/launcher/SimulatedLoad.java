package io.deskstream.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.deskstream.ingest.EventPublisher;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.simulator.BikeShopHelpDesk;
import io.deskstream.simulator.HelpDeskSimulation;

/**
 * The benchmark's input: a simulated help desk replaying a history at a {@link SimulatedPace}, sent in portions (a
 * warm-up, then the timed run) as fast as Kafka takes them.
 */
final class SimulatedLoad implements AutoCloseable {

    private final HelpDeskSimulation simulation;
    private final SimulationCursor cursor;
    private final CanonicalEventParser parser = new CanonicalEventParser();

    SimulatedLoad(BikeShopHelpDesk desk, SimulatedPace pace) {
        this.simulation = new HelpDeskSimulation(1, pace.start(), pace.eventsPerSecond(), desk);
        this.cursor = new SimulationCursor(simulation, pace.start(), pace.eventsPerSecond());
    }

    /** Frees what the simulation keeps on disk (the events to come of a dense one); nothing more can be sent. */
    @Override
    public void close() {
        simulation.close();
    }

    /**
     * Sends the next {@code count} events and waits until Kafka has them all.
     *
     * @return the conversations open in the simulation while they were sent
     */
    SimulationCursor.OpenConversations send(EventPublisher publisher, long count) throws Exception {
        cursor.openConversations();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (long sent = 0; sent < count; sent++) {
            acks.add(publisher.publish(parser.parse(cursor.next())));
            if (acks.size() >= 10_000) {
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
                acks.clear();
            }
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
        return cursor.openConversations();
    }
}
