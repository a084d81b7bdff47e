package io.deskstream.topology.conversation;

import java.time.Instant;

import io.deskstream.schemas.state.ConversationState;
import io.deskstream.schemas.state.MetricCell;
import io.deskstream.schemas.state.TicketRating;
import io.deskstream.topology.metrics.CellKey;
import io.deskstream.topology.metrics.TicketStatusCounts;
import io.deskstream.topology.state.ExpiryIndex;
import io.deskstream.topology.state.LiveStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Forgets, a bounded amount at a time, what is older than the retention by event time: conversations (with the ids
 * that recognise their repeats, and their place in the ticket-status counts), ratings, and report cells. Each call
 * does at most {@link #BUDGET} deletions, so that no punctuation (and no transaction) grows with the size of the
 * stores; what is left waits for the next call.
 */
final class ConversationExpiry {

    /** Deletions per call: a few milliseconds of work; at one call every few seconds, far more than ever expires. */
    static final int BUDGET = 5_000;
    static final String RATING_SCOPE = "rating:";

    private final LiveStore<ConversationState> conversations;
    private final LiveStore<TicketRating> ratings;
    private final LiveStore<MetricCell> metricCells;
    private final KeyValueStore<String, MetricCell> storedMetricCells;
    private final TicketStatusCounts statusCounts;
    private final SeenEventIds seen;
    private final ExpiryIndex index;

    ConversationExpiry(LiveStore<ConversationState> conversations, LiveStore<TicketRating> ratings,
                       LiveStore<MetricCell> metricCells, KeyValueStore<String, MetricCell> storedMetricCells,
                       TicketStatusCounts statusCounts, SeenEventIds seen, ExpiryIndex index) {
        this.conversations = conversations;
        this.ratings = ratings;
        this.metricCells = metricCells;
        this.storedMetricCells = storedMetricCells;
        this.statusCounts = statusCounts;
        this.seen = seen;
        this.index = index;
    }

    /** Forgets what is older than {@code cutoff}, up to the budget; returns how many keys it looked at or removed. */
    int expire(Instant cutoff) {
        int[] work = {0};
        work[0] += index.sweep(cutoff, BUDGET, key -> forget(key, cutoff, work));
        if (cutoff.isBefore(Instant.EPOCH)) {
            return work[0]; // no cell is older (and a range from 1970 to before it is a wrong-way range)
        }
        // Report cells are keyed by their hour first: the old ones are a key range, and nothing else is read.
        metricCells.writeBack();
        try (KeyValueIterator<String, MetricCell> old = storedMetricCells.range(CellKey.hourPrefix(Instant.EPOCH),
                CellKey.hourPrefix(cutoff))) {
            while (old.hasNext() && work[0] < 2 * BUDGET) {
                metricCells.delete(old.next().key);
                work[0]++;
            }
        }
        return work[0];
    }

    /** Forgets one indexed key if it is old enough; false when its event ids need another call to go. */
    private boolean forget(String key, Instant cutoff, int[] work) {
        if (key.startsWith(RATING_SCOPE)) {
            String ticketId = key.substring(RATING_SCOPE.length());
            TicketRating rating = ratings.get(ticketId);
            if (rating == null || !rating.getTs().isBefore(cutoff)) {
                return true;
            }
            if (!forgetIds(key, rating.getSeenEvents(), work)) {
                return false;
            }
            ratings.delete(ticketId);
            return true;
        }
        ConversationState state = conversations.get(key);
        if (state == null || !state.getLastEventTs().isBefore(cutoff)) {
            return true;
        }
        if (!forgetIds(key, state.getSeenEvents(), work)) {
            return false;
        }
        if (state.getTicket() != null) {
            statusCounts.leave(state.getDepartment(), state.getTicket().getStatus());
        }
        conversations.delete(key);
        return true;
    }

    private boolean forgetIds(String scope, io.deskstream.schemas.state.SeenEvents ids, int[] work) {
        int room = Math.max(0, BUDGET - work[0]);
        int forgotten = seen.forget(scope, ids, room);
        work[0] += forgotten;
        return forgotten < room || ids.getSpilled() == 0;
    }
}
