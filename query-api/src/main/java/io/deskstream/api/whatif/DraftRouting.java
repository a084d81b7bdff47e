package io.deskstream.api.whatif;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.api.cluster.Partial;
import io.deskstream.schemas.state.ConversationState;
import io.deskstream.topology.conversation.ConversationRouting;
import io.deskstream.topology.routing.ConversationFacts;
import io.deskstream.topology.routing.RoutingOutcome;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Routes again, with a draft of the rules, the conversations of a store created in the question's range, from the
 * facts their state kept of their creation; reads only. A conversation a transfer has moved stays where the transfer
 * put it: a transfer is someone's decision, which a different routing would not have undone.
 */
final class DraftRouting implements Partial<ConversationState, RoutingTally> {

    private final WhatIfQuestion question;
    private final int limit;

    DraftRouting(WhatIfQuestion question, int limit) {
        this.question = question;
        this.limit = limit;
    }

    @Override
    public RoutingTally empty() {
        return new RoutingTally();
    }

    @Override
    public void addStore(ReadOnlyKeyValueStore<String, ConversationState> store, RoutingTally into) {
        try (KeyValueIterator<String, ConversationState> all = store.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                ConversationState state = entry.value;
                if (state.getCreatedTs().isBefore(question.from()) || !state.getCreatedTs().isBefore(question.to())) {
                    continue;
                }
                if (into.examined() >= limit) {
                    into.truncate();
                    return;
                }
                routeAgain(entry.key, state, into);
            }
        }
    }

    private void routeAgain(String key, ConversationState state, RoutingTally into) {
        ConversationFacts facts = ConversationRouting.factsAtCreation(state);
        if (facts == null) {
            into.withoutFacts();
            return;
        }
        String now = state.getDepartment() == null ? RoutingOutcome.NO_DEPARTMENT : state.getDepartment();
        if (state.getCreation().getTransferred()) {
            into.routedOne(now, now);
            return;
        }
        RoutingOutcome draft = question.rules().route(facts);
        String to = draft.reportedDepartment();
        into.routedOne(now, to);
        if (!to.equals(now)) {
            into.moved(new RoutingTally.Moved(key, state.getId(), state.getKind().name(), now, to,
                    List.copyOf(state.getMatchedRules()), draft.matchedRules()));
        }
    }

    @Override
    public JsonNode toJson(RoutingTally part) {
        return part.toJson();
    }

    @Override
    public void addJson(JsonNode json, RoutingTally into) {
        into.addJson(json);
    }
}
