package io.deskstream.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.deskstream.kafka.broker.LocalPorts;

/**
 * Every process of the cluster, each a JVM of its own on this machine, set up as docker/compose.yaml sets up its
 * containers: three Kafka brokers (one KRaft quorum), two {@code deskstream run --no-exports} instances sharing the
 * work with a standby copy of each store, the first one's embedded schema registry serving both, and a Kafka Connect
 * worker running the Parquet and CSV export. Memory is kept to about 4 GiB in all.
 */
final class ClusterParts {

    static final String TOKEN = "cluster-test-admin-token";
    /** Starts of one instance, the first included, before its start-up counts as failed. */
    static final int START_ATTEMPTS = 3;

    /** One deskstream instance: its JVM and where its HTTP port is. */
    record Instance(String name, ChildJvm jvm, int httpPort) {
        String url() {
            return "http://127.0.0.1:" + httpPort;
        }

        ApiClient api() {
            return new ApiClient(url(), TOKEN);
        }
    }

    private final BrokerQuorum brokers;
    private final List<Instance> instances;
    private final ConnectWorker connect;

    private ClusterParts(BrokerQuorum brokers, List<Instance> instances, ConnectWorker connect) {
        this.brokers = brokers;
        this.instances = instances;
        this.connect = connect;
    }

    /** Formats the brokers and prepares every JVM; nothing runs yet. */
    static ClusterParts prepare(Path dir, Path repository) throws IOException, InterruptedException {
        Path logConfig = dir.resolve("logback-children.xml");
        Files.writeString(logConfig, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{30} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="io.deskstream" level="INFO"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
        String logging = "-Dlogback.configurationFile=" + logConfig;
        BrokerQuorum brokers = BrokerQuorum.format(Files.createDirectories(dir.resolve("kafka")),
                List.of("-Xms320m", "-Xmx320m", "-XX:+UseSerialGC", logging));
        int firstPort = LocalPorts.free();
        String registry = "http://127.0.0.1:" + firstPort + DeskstreamProcess.REGISTRY_PATH;
        List<Instance> instances = List.of(
                instance(dir, "deskstream-1", firstPort, brokers.bootstrapServers(), null, logging),
                instance(dir, "deskstream-2", LocalPorts.free(), brokers.bootstrapServers(), registry, logging));
        ConnectWorker connect = ConnectWorker.prepare(Files.createDirectories(dir.resolve("connect")), repository,
                brokers.bootstrapServers(), registry, Files.createDirectories(dir.resolve("exports")),
                List.of("-Xms384m", "-Xmx384m", "-XX:+UseSerialGC", logging));
        return new ClusterParts(brokers, instances, connect);
    }

    /**
     * {@code deskstream run} against the three brokers, as docker/compose.yaml's deskstream services run it, with its
     * own data directory and HTTP port; {@code registry} null for the embedded one.
     */
    private static Instance instance(Path dir, String name, int httpPort, String bootstrap, String registry,
                                     String logging) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("run", "--no-exports",
                "--data-dir", Files.createDirectories(dir.resolve(name)).toString(),
                "--http-port", String.valueOf(httpPort), "--advertised-address", "127.0.0.1:" + httpPort,
                "--bootstrap-servers", bootstrap, "--replication-factor", "3", "--standby-replicas", "1",
                "--partitions", "4",
                // The load is the week copied back to months before: its input must not expire on arrival.
                "--input-retention-days", "400"));
        if (registry != null) {
            arguments.addAll(List.of("--schema-registry-url", registry));
        }
        Map<String, String> environment = registry == null ? Map.of("DESKSTREAM_ADMIN_TOKEN", TOKEN)
                : Map.of("DESKSTREAM_ADMIN_TOKEN", TOKEN, "DESKSTREAM_SCHEMA_REGISTRY_USER_INFO", "admin:" + TOKEN);
        ChildJvm jvm = new ChildJvm(name, List.of("-Xmx512m", "-XX:+UseParallelGC", logging),
                ChildJvm.testClasspath(), Deskstream.class.getName(), arguments, environment,
                dir.resolve(name + ".log"));
        return new Instance(name, jvm, httpPort);
    }

    BrokerQuorum brokers() {
        return brokers;
    }

    List<Instance> instances() {
        return instances;
    }

    Instance instance(int index) {
        return instances.get(index);
    }

    ConnectWorker connect() {
        return connect;
    }

    String schemaRegistryUrl() {
        return instances.get(0).url() + DeskstreamProcess.REGISTRY_PATH;
    }

    /** Every JVM, for logs and the end. */
    List<ChildJvm> jvms() {
        List<ChildJvm> all = new ArrayList<>(brokers.jvms());
        instances.forEach(i -> all.add(i.jvm()));
        all.add(connect.jvm());
        return all;
    }

    /**
     * Starts everything in the order compose does: the brokers, then the Connect worker and the first instance (its
     * registry serves the rest), then the second instance and the connectors.
     */
    void start(Duration timeout) throws Exception {
        brokers.startAll();
        brokers.awaitListening(timeout);
        try (var admin = brokers.admin()) {
            brokers.awaitAllBrokers(admin, timeout);
        }
        connect.start();
        instances.get(0).jvm().start();
        awaitReady(instances.get(0), timeout);
        instances.get(1).jvm().start();
        awaitReady(instances.get(1), timeout);
        // After the first instance has made the topics, as compose's connect-setup waits for deskstream-1.
        connect.createConnectors(timeout);
    }

    /**
     * Waits until {@code GET /api/v1/health/ready} answers 200. An instance that exits while it starts (on a
     * saturated machine the check that Kafka answers may time out) is started again, as compose's restart policy or
     * systemd would, up to {@link #START_ATTEMPTS} times in all.
     */
    static void awaitReady(Instance instance, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(instance.url() + "/api/v1/health/ready"))
                .timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        int attempts = 1;
        while (System.nanoTime() < deadline) {
            if (!instance.jvm().alive() && attempts < START_ATTEMPTS) {
                attempts++;
                System.out.println("cluster test: " + instance.name() + " exited while starting, started again: "
                        + instance.jvm().tail(1));
                instance.jvm().start();
            }
            instance.jvm().requireAlive();
            try {
                HttpResponse<String> answer = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException notListening) {
                last = notListening.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(instance.name() + " not ready within " + timeout + "; last answer: " + last
                + "\nthe end of its log:\n" + instance.jvm().tail(40));
    }

    /** Kills every JVM that is still running. */
    void killAll() {
        for (ChildJvm jvm : jvms()) {
            try {
                jvm.kill();
            } catch (InterruptedException | RuntimeException | AssertionError e) {
                System.err.println("could not kill " + jvm.name() + ": " + e);
            }
        }
    }
}
