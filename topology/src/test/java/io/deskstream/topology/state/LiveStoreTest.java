package io.deskstream.topology.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveStoreTest {

    private KeyValueStore<String, String> backing;
    private LiveStore<String> live;

    @BeforeEach
    void open() {
        StateStoreContext context = new MockProcessorContext<>().getStateStoreContext();
        backing = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("backing"), Serdes.String(), Serdes.String())
                .withLoggingDisabled().build();
        backing.init(context, backing);
        live = new LiveStore<>("live", 2);
        live.init(context, live);
        live.attach(backing);
    }

    @Test
    void shouldWriteAChangedValueToTheBackingStoreWhenTheCacheIsFlushedBeforeACommit() {
        live.put("ticket:t-1", "new");
        live.put("ticket:t-1", "answered");

        assertNull(backing.get("ticket:t-1"));
        live.flushCache();
        assertEquals("answered", backing.get("ticket:t-1"));
    }

    @Test
    void shouldReadTheLiveValueBeforeItIsFlushed() {
        backing.put("ticket:t-1", "new");
        live.put("ticket:t-1", "answered");

        assertEquals("answered", live.get("ticket:t-1"));
    }

    @Test
    void shouldLoadAValueFromTheBackingStoreOnAMiss() {
        backing.put("ticket:t-1", "resolved");

        assertEquals("resolved", live.get("ticket:t-1"));
    }

    @Test
    void shouldWriteAChangedValueThroughWhenItIsEvictedBeforeTheCommit() {
        live.put("ticket:t-1", "new");
        live.put("ticket:t-2", "new");
        live.put("ticket:t-3", "new");

        assertEquals("new", backing.get("ticket:t-1"));
        assertNull(backing.get("ticket:t-3"));
    }

    @Test
    void shouldFindAValuePutAfterTheKeyWasLookedUpAndFoundMissing() {
        assertNull(live.get("ticket:t-9"));
        live.put("ticket:t-9", "new");

        assertEquals("new", live.get("ticket:t-9"));
        live.flushCache();
        assertEquals("new", backing.get("ticket:t-9"));
    }

    @Test
    void shouldForgetWhatWasNotFlushedWhenTheCacheIsClearedAfterAFailure() {
        backing.put("ticket:t-1", "new");
        live.put("ticket:t-1", "answered");

        live.clearCache();
        live.flushCache();

        assertEquals("new", live.get("ticket:t-1"));
        assertEquals("new", backing.get("ticket:t-1"));
    }

    @Test
    void shouldDeleteFromTheBackingStoreAtOnce() {
        live.put("ticket:t-1", "new");
        live.flushCache();

        live.delete("ticket:t-1");

        assertNull(backing.get("ticket:t-1"));
        assertNull(live.get("ticket:t-1"));
    }

    @Test
    void shouldTellAfterACommitThatWroteChangesAndOnlyThen() {
        int[] told = {0};
        live.afterChangesWritten(() -> told[0]++);

        live.flushCache();
        assertEquals(0, told[0], "a commit with nothing changed");

        live.put("ticket:t-1", "new");
        live.flushCache();
        assertEquals(1, told[0], "a commit that wrote a change");

        live.get("ticket:t-1");
        live.flushCache();
        assertEquals(1, told[0], "a read changes nothing");
    }
}
