package io.deskstream.topology.metrics;

import io.deskstream.schemas.state.TicketStatus;
import io.deskstream.topology.conversation.TicketStatusName;
import io.deskstream.topology.routing.RoutingOutcome;
import io.deskstream.topology.state.LiveStore;

/**
 * How many tickets of each department are in each status now, kept as the tickets move, so that the ticket-status
 * report reads a handful of counters instead of every ticket.
 */
public final class TicketStatusCounts {

    private static final char SEPARATOR = '\u001f';
    private final LiveStore<Long> store;

    public TicketStatusCounts(LiveStore<Long> store) {
        this.store = store;
    }

    /** A ticket left {@code (fromDepartment, fromStatus)}, null for a new ticket, for {@code (toDepartment, toStatus)}. */
    public void move(String fromDepartment, TicketStatus fromStatus, String toDepartment, TicketStatus toStatus) {
        String from = fromStatus == null ? null : key(fromDepartment, fromStatus);
        String to = key(toDepartment, toStatus);
        if (to.equals(from)) {
            return;
        }
        if (from != null) {
            add(from, -1);
        }
        add(to, +1);
    }

    /** A ticket in {@code (department, status)} is forgotten: it counts nowhere any more. */
    public void leave(String department, TicketStatus status) {
        add(key(department, status), -1);
    }

    private void add(String key, long delta) {
        Long now = store.get(key);
        long next = (now == null ? 0 : now) + delta;
        if (next == 0) {
            store.delete(key);
        } else {
            store.put(key, next);
        }
    }

    public static String key(String department, TicketStatus status) {
        return (department == null ? RoutingOutcome.NO_DEPARTMENT : department) + SEPARATOR + TicketStatusName.of(status);
    }

    /** {department, status} of a store key. */
    public static String[] parse(String key) {
        return key.split(String.valueOf(SEPARATOR), 2);
    }
}
