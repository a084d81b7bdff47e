package io.deskstream.api.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.deskstream.api.cluster.AdvertisedAddresses;
import io.deskstream.api.cluster.LiveTopology;
import io.deskstream.topology.StoreNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Whether this instance is alive (worth keeping: a restart policy's question) and whether it is ready (worth sending
 * queries to: a load balancer's question). Alive fails only when the process cannot recover by itself: its topology
 * is in ERROR, or it stopped. Ready also needs the topology RUNNING, its stores queryable and the brokers reachable;
 * it is 503 for a few seconds at every rebalance, and the process recovers from it without help. It is 503 for good
 * when another instance advertises this one's address: queries could never be complete.
 */
public final class Readiness {

    /** How long a broker check is reused: probes every second or two cost one Admin call. */
    private static final Duration BROKER_CHECK_REUSED = Duration.ofSeconds(1);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(3);

    private final LiveTopology topology;
    private final HostInfo self;
    private final Admin admin;
    private final Clock clock;
    private volatile Instant brokersCheckedAt = Instant.EPOCH;
    private volatile String brokersProblem = "not checked yet";

    public Readiness(LiveTopology topology, HostInfo self, Admin admin, Clock clock) {
        this.topology = topology;
        this.self = self;
        this.admin = admin;
        this.clock = clock;
    }

    /** Null when alive, else why not. */
    public String notAlive() {
        if (!topology.isStarted()) {
            return null;
        }
        KafkaStreams.State state = topology.streams().state();
        return switch (state) {
            case ERROR, PENDING_ERROR -> "the topology is in " + state + ": its stream threads failed; restart deskstream";
            case NOT_RUNNING, PENDING_SHUTDOWN -> "the topology has stopped (" + state + ")";
            default -> null;
        };
    }

    /** Null when ready, else why not. */
    public String notReady() {
        if (!topology.isStarted()) {
            return "deskstream is starting; the topology is not running yet";
        }
        KafkaStreams streams = topology.streams();
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return "the topology is " + streams.state();
        }
        String shared = AdvertisedAddresses.sharedWith(streams, self);
        if (shared != null) {
            return shared;
        }
        try {
            streams.store(StoreQueryParameters.fromNameAndType(StoreNames.METRIC_CELLS,
                    QueryableStoreTypes.keyValueStore()));
        } catch (InvalidStateStoreException e) {
            return "the report's stores are not queryable yet: " + e.getMessage();
        }
        return brokers();
    }

    private String brokers() {
        Instant now = clock.instant();
        if (Duration.between(brokersCheckedAt, now).compareTo(BROKER_CHECK_REUSED) >= 0) {
            String problem;
            try {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) BROKER_TIMEOUT.toMillis()))
                        .nodes().get(BROKER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                problem = null;
            } catch (Exception e) {
                problem = "the Kafka brokers do not answer: " + e;
            }
            brokersProblem = problem;
            brokersCheckedAt = now;
        }
        return brokersProblem;
    }
}
