package io.deskstream.api.cluster;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.deskstream.api.ApiError;

/**
 * The running topology, as the API sees it: set once Kafka Streams has been started (the HTTP port opens first, and
 * answers 503 until then).
 */
public final class LiveTopology {

    private volatile KafkaStreams streams;
    private volatile TopologyDescription description;
    private final AtomicLong reportDataVersion = new AtomicLong();

    /** The processing wrote changed report cells or ticket-status counters where queries read them. */
    public void reportDataWritten() {
        reportDataVersion.incrementAndGet();
    }

    /** Grows each time the processing of this instance writes changed report data: answers before it may be old. */
    public long reportDataVersion() {
        return reportDataVersion.get();
    }

    public void started(KafkaStreams running, TopologyDescription describedAs) {
        this.description = describedAs;
        this.streams = running;
    }

    /** Kafka Streams, or 503 while it has not been started. */
    public KafkaStreams streams() {
        KafkaStreams now = streams;
        if (now == null) {
            throw ApiError.unavailable("deskstream is starting; the topology is not running yet");
        }
        return now;
    }

    public boolean isStarted() {
        return streams != null;
    }

    public TopologyDescription description() {
        streams();
        return description;
    }

    /** A global store (departments, rules, tokens): the same on every instance. */
    public <V> ReadOnlyKeyValueStore<String, V> globalStore(String name) {
        try {
            return streams().store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw ApiError.unavailable("the " + name + " store is not ready yet (" + streams().state() + ")");
        }
    }

    /** One partition's store of this instance, active only: a standby may lag, and the API answers exactly or not. */
    public <V> ReadOnlyKeyValueStore<String, V> partitionStore(String name, int partition) {
        try {
            return streams().store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore())
                    .withPartition(partition));
        } catch (InvalidStateStoreException e) {
            throw ApiError.unavailable("partition " + partition + " of " + name
                    + " is moving between instances or restoring (" + streams().state() + "); retry shortly");
        }
    }
}
