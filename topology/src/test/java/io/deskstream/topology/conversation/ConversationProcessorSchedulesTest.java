package io.deskstream.topology.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.deskstream.topology.StoreNames;
import io.deskstream.topology.configuration.LiveDepartments;
import io.deskstream.topology.configuration.LiveRoutingRules;
import io.deskstream.topology.state.LiveStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams keeps a task's schedules when it closes and re-initialises its processors (a task revived after a
 * failure): the processor cancels its own, so that only the new processor's publisher and expiry run.
 */
class ConversationProcessorSchedulesTest {

    private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();

    private void add(StateStore store) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    @SuppressWarnings("unchecked")
    private static KeyValueStore<String, Object> plain(String name) {
        // Never written here: any value serde does.
        Serde<Object> values = (Serde<Object>) (Serde<?>) Serdes.ByteArray();
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled().build();
    }

    @Test
    void shouldCancelItsPublisherAndExpiryWhenClosed() {
        for (String name : new String[] {StoreNames.CONVERSATIONS, StoreNames.RATINGS, StoreNames.DEPARTMENTS,
                StoreNames.ROUTING_RULES, StoreNames.METRIC_CELLS, StoreNames.CHANGED_HOURS, StoreNames.TICKET_STATUS}) {
            add(plain(name));
        }
        for (String name : new String[] {StoreNames.LIVE_CONVERSATIONS, StoreNames.LIVE_RATINGS,
                StoreNames.LIVE_METRIC_CELLS, StoreNames.LIVE_TICKET_STATUS}) {
            add(new LiveStore<>(name, 10));
        }
        ConversationProcessor processor = new ConversationProcessor(new LiveRoutingRules(), new LiveDepartments(),
                Duration.ofDays(1), Duration.ofDays(400), io.deskstream.topology.metrics.ReportHours.utc(),
                io.deskstream.topology.ProcessingObserver.NONE);
        processor.init(context);
        assertThat(context.scheduledPunctuators()).hasSize(2).noneMatch(CapturedPunctuator::cancelled);

        processor.close();

        assertThat(context.scheduledPunctuators()).allMatch(CapturedPunctuator::cancelled);
    }
}
