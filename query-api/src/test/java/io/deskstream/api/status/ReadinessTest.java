package io.deskstream.api.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import io.deskstream.api.cluster.LiveTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liveness and readiness from the topology's state alone, with no broker: what a restart policy and a load balancer
 * are told. A broker that does not answer makes the instance not ready, never not alive.
 */
class ReadinessTest {

    @TempDir
    java.nio.file.Path stateDir;
    private KafkaStreams streams;
    private Admin admin;

    private Readiness readinessOf(LiveTopology topology) {
        // Nothing listens on port 1: every Admin call fails, as with brokers that are down.
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 500, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000));
        return new Readiness(topology, new HostInfo("127.0.0.1", 7070), admin, Clock.systemUTC());
    }

    private KafkaStreams streamsNotStarted() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("events", Consumed.with(Serdes.String(), Serdes.String())).foreach((k, v) -> { });
        Topology topology = builder.build();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "readiness-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streams = new KafkaStreams(topology, props);
        return streams;
    }

    @AfterEach
    void close() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(5));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void whileStartingItIsAliveButNotReady() {
        Readiness readiness = readinessOf(new LiveTopology());

        assertThat(readiness.notAlive()).isNull();
        assertThat(readiness.notReady()).contains("starting");
    }

    @Test
    void aTopologyThatIsNotRunningYetIsAliveButNotReady() {
        LiveTopology topology = new LiveTopology();
        KafkaStreams created = streamsNotStarted();
        topology.started(created, null);
        Readiness readiness = readinessOf(topology);

        assertThat(readiness.notAlive()).isNull();
        assertThat(readiness.notReady()).contains("CREATED");
    }

    @Test
    void aTopologyThatStoppedIsNotAliveSoThatARestartPolicyRestartsIt() {
        LiveTopology topology = new LiveTopology();
        KafkaStreams stopped = streamsNotStarted();
        topology.started(stopped, null);
        stopped.close(Duration.ofSeconds(5));
        Readiness readiness = readinessOf(topology);

        assertThat(readiness.notAlive()).contains("stopped").contains("NOT_RUNNING");
        assertThat(readiness.notReady()).isNotNull();
    }
}
