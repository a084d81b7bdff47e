package io.deskstream.launcher;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.deskstream.kafka.broker.LocalPorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;

/**
 * Three Apache Kafka brokers, each in a JVM of its own ({@code kafka.Kafka}, Kafka's own server), forming one KRaft
 * quorum in combined mode — every node a broker and a controller — on 127.0.0.1, as docker/compose.yaml runs them:
 * internal topics replicated 3 with {@code min.insync.replicas} 2, so that one broker may be down.
 */
final class BrokerQuorum {

    /** One node: its client port, its controller port and its JVM. */
    record Node(int id, int port, int controllerPort, ChildJvm jvm) {
    }

    private final List<Node> nodes;

    private BrokerQuorum(List<Node> nodes) {
        this.nodes = nodes;
    }

    /**
     * Writes each node's properties and formats its log directory with one cluster id (Kafka's {@code StorageTool},
     * what {@code kafka-storage.sh format} runs); nothing is started yet.
     */
    static BrokerQuorum format(Path dir, List<String> jvmOptions) throws IOException, InterruptedException {
        int[] ports = new int[3];
        int[] controllerPorts = new int[3];
        for (int i = 0; i < 3; i++) {
            ports[i] = LocalPorts.free();
            controllerPorts[i] = LocalPorts.free();
        }
        String voters = "1@127.0.0.1:" + controllerPorts[0] + ",2@127.0.0.1:" + controllerPorts[1]
                + ",3@127.0.0.1:" + controllerPorts[2];
        String clusterId = Uuid.randomUuid().toString();
        List<Node> nodes = new ArrayList<>();
        List<ChildJvm> formats = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int id = i + 1;
            Path properties = dir.resolve("broker-" + id + ".properties");
            write(properties, brokerProperties(id, ports[i], controllerPorts[i], voters, dir.resolve("broker-" + id)));
            formats.add(new ChildJvm("format broker-" + id, List.of("-Xmx128m"), ChildJvm.testClasspath(),
                    "kafka.tools.StorageTool", List.of("format", "--cluster-id", clusterId, "--config",
                    properties.toString()), Map.of(), dir.resolve("broker-" + id + "-format.log")));
            nodes.add(new Node(id, ports[i], controllerPorts[i], new ChildJvm("broker-" + id, jvmOptions,
                    ChildJvm.testClasspath(), "kafka.Kafka", List.of(properties.toString()), Map.of(),
                    dir.resolve("broker-" + id + ".log"))));
        }
        for (ChildJvm format : formats) {
            format.start();
        }
        for (ChildJvm format : formats) {
            format.awaitEnd(Duration.ofMinutes(2));
        }
        return new BrokerQuorum(List.copyOf(nodes));
    }

    private static Properties brokerProperties(int id, int port, int controllerPort, String voters, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(id));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // As docker/compose.yaml: everything replicated 3, a write needs 2 copies, topics made only by their owners.
        p.put("default.replication.factor", "3");
        p.put("min.insync.replicas", "2");
        p.put("offsets.topic.replication.factor", "3");
        p.put("transaction.state.log.replication.factor", "3");
        p.put("transaction.state.log.min.isr", "2");
        p.put("share.coordinator.state.topic.replication.factor", "3");
        p.put("share.coordinator.state.topic.min.isr", "2");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        // Help-desk events may be stamped up to a day ahead of the clock (as the embedded broker allows).
        p.put("log.message.timestamp.after.max.ms", String.valueOf(25L * 60 * 60 * 1000));
        // Sized for three brokers sharing two cores: fewer partitions of the internal topics than Kafka's 50, fewer
        // threads, a small cleaner buffer (128 MiB by default, taken from the heap at start).
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    private static void write(Path file, Properties properties) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "broker of the cluster test");
        }
    }

    List<Node> nodes() {
        return nodes;
    }

    Node node(int id) {
        return nodes.get(id - 1);
    }

    List<ChildJvm> jvms() {
        return nodes.stream().map(Node::jvm).toList();
    }

    String bootstrapServers() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }

    void startAll() throws IOException {
        for (Node node : nodes) {
            node.jvm().start();
        }
    }

    /**
     * Waits until every broker listens on its client port: an admin client made before that logs every refused
     * connection.
     */
    void awaitListening(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Node node : nodes) {
            while (!listening(node.port())) {
                node.jvm().requireAlive();
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(node.jvm().name() + " does not listen on " + node.port() + " after "
                            + timeout + ":\n" + node.jvm().tail(40));
                }
                Thread.sleep(250);
            }
        }
    }

    /** Waits until every broker is registered and unfenced: the cluster then takes writes on every partition. */
    void awaitAllBrokers(Admin admin, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            nodes.forEach(node -> node.jvm().requireAlive());
            try {
                seen = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
                if (seen == nodes.size()) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notYet) {
                // the quorum is still electing its leader
            }
            Thread.sleep(500);
        }
        throw new AssertionError("only " + seen + " of 3 brokers are in the cluster after " + timeout);
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Whether every replica of every partition is in sync again: a broker that came back has caught up. */
    static boolean fullyReplicated(Admin admin) throws Exception {
        Collection<String> topics = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions()
                .listInternal(true)).names().get(20, TimeUnit.SECONDS);
        for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(20, TimeUnit.SECONDS).values()) {
            for (var partition : topic.partitions()) {
                if (partition.isr().size() < partition.replicas().size()) {
                    return false;
                }
            }
        }
        return true;
    }
}
