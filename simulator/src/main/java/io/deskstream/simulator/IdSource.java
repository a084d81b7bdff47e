package io.deskstream.simulator;

/**
 * Event and conversation ids of one simulation. The seed's hex is part of every id, so two simulations with different
 * seeds (a demo restarted, say) never reuse an id.
 */
final class IdSource {

    private final String run;
    private long events;
    private long tickets;
    private long chats;
    private long calls;

    IdSource(long seed) {
        this.run = Long.toHexString(seed);
    }

    String nextEventId() {
        return "sim-" + run + "-" + (++events);
    }

    String nextTicketId() {
        return "t-" + run + "-" + (++tickets);
    }

    String nextChatId() {
        return "ch-" + run + "-" + (++chats);
    }

    String nextCallId() {
        return "cl-" + run + "-" + (++calls);
    }
}
