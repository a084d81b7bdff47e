package io.deskstream.api.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.api.ApiJson;
import io.deskstream.api.SortedMapStore;
import io.deskstream.schemas.output.ConversationKind;
import io.deskstream.schemas.state.ConversationState;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/** The what-if's bound: at most a stated number of conversations per question, and the answer says when it stopped. */
class DraftRoutingTest {

    private static final String NOVEMBER_2 = "2026-11-02T00:00:00Z";
    private static final String NOVEMBER_3 = "2026-11-03T00:00:00Z";

    private static WhatIfQuestion aDayOfNovember2() throws Exception {
        return WhatIfQuestion.read((ObjectNode) ApiJson.MAPPER.readTree(
                "{\"rules\": [], \"from\": \"" + NOVEMBER_2 + "\", \"to\": \"" + NOVEMBER_3 + "\"}"));
    }

    private static ConversationState ticket(String id, String created) {
        return ConversationState.newBuilder().setKind(ConversationKind.ticket).setId(id).setChannel("email")
                .setDepartment("sales").setTags(List.of()).setMatchedRules(List.of())
                .setCreatedTs(Instant.parse(created)).setLastEventTs(Instant.parse(created))
                .build();
    }

    /** Five tickets created on 2 November and one on 3 November, outside the question's range. */
    private static ReadOnlyKeyValueStore<String, ConversationState> fiveTicketsInTheRangeAndOneAfter() {
        TreeMap<String, ConversationState> tickets = new TreeMap<>();
        for (int i = 1; i <= 5; i++) {
            tickets.put("ticket:t-" + i, ticket("t-" + i, "2026-11-02T0" + i + ":00:00Z"));
        }
        tickets.put("ticket:t-6", ticket("t-6", "2026-11-03T09:00:00Z"));
        return new SortedMapStore<>(tickets);
    }

    @Test
    void overTheLimitTheWhatIfStopsAndSaysSo() throws Exception {
        DraftRouting routing = new DraftRouting(aDayOfNovember2(), 3);
        RoutingTally tally = routing.empty();

        routing.addStore(fiveTicketsInTheRangeAndOneAfter(), tally);

        Map<String, Object> answer = tally.answer();
        assertThat(answer).containsEntry("conversations", 3L).containsEntry("truncated", true);
    }

    @Test
    void withinTheLimitEveryConversationOfTheRangeIsExaminedAndNothingIsTruncated() throws Exception {
        DraftRouting routing = new DraftRouting(aDayOfNovember2(), 5);
        RoutingTally tally = routing.empty();

        routing.addStore(fiveTicketsInTheRangeAndOneAfter(), tally);

        assertThat(tally.answer()).containsEntry("conversations", 5L).containsEntry("truncated", false);
    }

    @Test
    void aTruncatedPartFromAnotherInstanceTruncatesTheWhole() throws Exception {
        DraftRouting routing = new DraftRouting(aDayOfNovember2(), 3);
        RoutingTally there = routing.empty();
        routing.addStore(fiveTicketsInTheRangeAndOneAfter(), there);
        RoutingTally here = routing.empty();

        routing.addJson(routing.toJson(there), here);

        assertThat(here.answer()).containsEntry("truncated", true);
    }
}
