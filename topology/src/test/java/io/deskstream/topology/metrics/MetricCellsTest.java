package io.deskstream.topology.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.deskstream.schemas.state.MetricCell;
import io.deskstream.topology.serde.AvroStateSerde;
import io.deskstream.topology.state.LiveStore;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricCellsTest {

    private static final Instant NINE = Instant.parse("2026-11-02T09:00:00Z");
    private static final CellKey SALES_EMAIL = new CellKey(NINE, "sales", "email", "a-1");
    private static final CellKey SALES_CHAT = new CellKey(NINE, "sales", "chat", "a-1");
    private static final CellKey SALES_EMAIL_AT_TEN = new CellKey(NINE.plusSeconds(3600), "sales", "email", "a-1");

    private final StateStoreContext context = new MockProcessorContext<>().getStateStoreContext();
    private KeyValueStore<String, MetricCell> stored;
    private KeyValueStore<String, Long> changedHours;
    private LiveStore<MetricCell> live;

    @BeforeEach
    void open() {
        stored = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("cells"), Serdes.String(),
                new AvroStateSerde<>(MetricCell.class)).withLoggingDisabled().build();
        stored.init(context, stored);
        changedHours = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("hours"), Serdes.String(),
                Serdes.Long()).withLoggingDisabled().build();
        changedHours.init(context, changedHours);
        live = new LiveStore<>("live", 100);
        live.init(context, live);
        live.attach(stored);
    }

    private List<String> published(MetricCells cells) {
        List<String> keys = new ArrayList<>();
        cells.publishChanged(keys::add);
        return keys;
    }

    @Test
    void shouldMarkTheHourOfChangedCellsOnceUntilTheyArePublished() {
        MetricCells cells = new MetricCells(live, stored, changedHours);

        cells.change(SALES_EMAIL, c -> c.setReplies(c.getReplies() + 1));
        cells.change(SALES_CHAT, c -> c.setChats(c.getChats() + 1));

        assertThat(changedHours.approximateNumEntries()).isEqualTo(1);
        assertThat(published(cells)).containsExactlyInAnyOrder(SALES_EMAIL.storeKey(), SALES_CHAT.storeKey());
        assertThat(changedHours.approximateNumEntries()).isZero();
        assertThat(published(cells)).isEmpty();
    }

    @Test
    void shouldPublishEveryCellOfAnHourMarkedBeforeARestart() {
        MetricCells before = new MetricCells(live, stored, changedHours);
        before.change(SALES_EMAIL, c -> c.setReplies(c.getReplies() + 1));
        before.change(SALES_CHAT, c -> c.setChats(c.getChats() + 1));
        stored.put(SALES_EMAIL_AT_TEN.storeKey(), new MetricCell());
        live.flushCache();

        live.clearCache();
        MetricCells after = new MetricCells(live, stored, changedHours);

        assertThat(published(after)).containsExactlyInAnyOrder(SALES_EMAIL.storeKey(), SALES_CHAT.storeKey());
        assertThat(changedHours.approximateNumEntries()).isZero();
    }
}
