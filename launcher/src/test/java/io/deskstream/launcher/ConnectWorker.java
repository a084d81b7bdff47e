package io.deskstream.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
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
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.kafka.broker.LocalPorts;

/**
 * A Kafka Connect worker in distributed mode ({@code ConnectDistributed}, in a JVM of its own) running what docker/
 * ships: the worker configuration of {@code docker/connect/connect-distributed.properties} and the connectors of
 * {@code docker/connect/*.json}, with deskstream's plugin directory (built by the connectors module) on its
 * {@code plugin.path}. Only the addresses and the export directory differ.
 */
final class ConnectWorker {

    /**
     * Jars of the plugin directory that Apache Kafka's own distribution also ships in {@code libs/}: they stay on the
     * worker's classpath, every other jar of the plugin directory is taken off it, so that the sinks load only from
     * the plugin directory, as they do on a real worker.
     */
    private static final Set<String> KAFKA_SHIPS_TOO = Set.of("slf4j-api", "jackson-core", "jackson-databind",
            "jackson-annotations", "lz4-java", "snappy-java", "zstd-jni");

    private final ChildJvm jvm;
    private final int port;
    private final Path connectorConfigs;
    private final Path exports;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private ConnectWorker(ChildJvm jvm, int port, Path connectorConfigs, Path exports) {
        this.jvm = jvm;
        this.port = port;
        this.connectorConfigs = connectorConfigs;
        this.exports = exports;
    }

    /**
     * @param repository        the repository's top: docker/connect and connectors/target/plugin are read there
     * @param schemaRegistryUrl what the connector configs read as {@code ${env:SCHEMA_REGISTRY_URL}}
     */
    static ConnectWorker prepare(Path dir, Path repository, String bootstrapServers, String schemaRegistryUrl,
                                 Path exports, List<String> jvmOptions) throws IOException {
        Path pluginPath = repository.resolve("connectors/target/plugin");
        Path plugin = pluginPath.resolve("deskstream-connectors");
        if (!Files.isDirectory(plugin)) {
            throw new AssertionError("no Connect plugin directory at " + plugin + ": it is built by the connectors "
                    + "module's package phase (mvn -B package -pl connectors -am -DskipTests)");
        }
        int port = LocalPorts.free();
        Properties worker = new Properties();
        try (Reader in = Files.newBufferedReader(repository.resolve("docker/connect/connect-distributed.properties"),
                StandardCharsets.UTF_8)) {
            worker.load(in);
        }
        worker.put("bootstrap.servers", bootstrapServers);
        worker.put("listeners", "http://127.0.0.1:" + port);
        worker.put("rest.advertised.host.name", "127.0.0.1");
        worker.put("rest.advertised.port", String.valueOf(port));
        worker.put("plugin.path", pluginPath.toString());
        Path properties = dir.resolve("connect-distributed.properties");
        try (Writer out = Files.newBufferedWriter(properties, StandardCharsets.UTF_8)) {
            worker.store(out, "docker/connect/connect-distributed.properties with this machine's addresses");
        }
        ChildJvm jvm = new ChildJvm("connect", jvmOptions, workerClasspath(repository, plugin),
                "org.apache.kafka.connect.cli.ConnectDistributed", List.of(properties.toString()),
                Map.of("SCHEMA_REGISTRY_URL", schemaRegistryUrl), dir.resolve("connect.log"));
        return new ConnectWorker(jvm, port, repository.resolve("docker/connect"), exports);
    }

    /**
     * This JVM's classpath without deskstream's own classes and without the plugin directory's jars that Kafka does
     * not ship itself: what a worker of Apache Kafka's distribution has.
     */
    private static String workerClasspath(Path repository, Path plugin) throws IOException {
        Set<String> pluginArtifacts;
        try (Stream<Path> jars = Files.list(plugin)) {
            pluginArtifacts = jars.map(jar -> artifact(jar.getFileName().toString())).collect(Collectors.toSet());
        }
        Path top = repository.toAbsolutePath().normalize();
        List<String> kept = new ArrayList<>();
        for (String entry : ChildJvm.testClasspath().split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath().normalize();
            String artifact = artifact(path.getFileName().toString());
            boolean deskstream = path.startsWith(top) || artifact.startsWith("deskstream-");
            boolean pluginOnly = pluginArtifacts.contains(artifact) && !KAFKA_SHIPS_TOO.contains(artifact);
            if (!deskstream && !pluginOnly) {
                kept.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, kept);
    }

    /** {@code parquet-hadoop-1.18.1.jar} to {@code parquet-hadoop}. */
    private static String artifact(String jarName) {
        return jarName.replaceFirst("-\\d[^/]*\\.jar$", "").replaceFirst("\\.jar$", "");
    }

    ChildJvm jvm() {
        return jvm;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void start() throws IOException {
        jvm.start();
    }

    void kill() throws InterruptedException {
        jvm.kill();
    }

    /** The connectors docker/ creates: one per {@code docker/connect/*.json}, named after the file. */
    List<String> connectorNames() throws IOException {
        try (Stream<Path> files = Files.list(connectorConfigs)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
        }
    }

    /** The consumer group of a sink connector's tasks. */
    static String groupOf(String connector) {
        return "connect-" + connector;
    }

    /**
     * Creates the connectors as {@code docker/scripts/create-connectors.sh} does — {@code PUT /connectors/NAME/config}
     * with the file's JSON, tried again while the worker is not ready or rebalancing — with this test's export
     * directory instead of the container's.
     */
    void createConnectors(Duration timeout) throws Exception {
        awaitHealthy(timeout);
        for (String name : connectorNames()) {
            ObjectNode config = (ObjectNode) ApiClient.JSON.readTree(connectorConfigs.resolve(name + ".json").toFile());
            config.put("export.directory", exports.toString());
            long deadline = System.nanoTime() + timeout.toNanos();
            String last = "no answer";
            while (true) {
                jvm.requireAlive();
                try {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url() + "/connectors/"
                                    + name + "/config")).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(config.toString())).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200 || answer.statusCode() == 201) {
                        break;
                    }
                    if (answer.statusCode() != 409 && answer.statusCode() < 500) {
                        throw new AssertionError("Connect refused connector " + name + " (" + answer.statusCode()
                                + "): " + answer.body());
                    }
                    last = answer.statusCode() + " " + answer.body();
                } catch (IOException notListeningYet) {
                    last = notListeningYet.toString();
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("connector " + name + " not created within " + timeout + "; last: " + last);
                }
                Thread.sleep(1000);
            }
        }
    }

    /**
     * Waits until {@code GET /health} answers 200, as docker/compose.yaml's health check does before the connectors
     * are created: before the worker has joined its group, its REST server may answer 404 to everything.
     */
    private void awaitHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            jvm.requireAlive();
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url() + "/health"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException notListeningYet) {
                last = notListeningYet.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the Connect worker is not healthy within " + timeout + "; last: " + last);
    }

    /** Whether every connector and each of its tasks is RUNNING. */
    boolean running() throws Exception {
        for (String name : connectorNames()) {
            JsonNode status;
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url() + "/connectors/" + name
                        + "/status")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    return false;
                }
                status = ApiClient.JSON.readTree(answer.body());
            } catch (IOException notAnswering) {
                return false;
            }
            if (!"RUNNING".equals(status.path("connector").path("state").asText()) || status.path("tasks").isEmpty()) {
                return false;
            }
            for (JsonNode task : status.path("tasks")) {
                if (!"RUNNING".equals(task.path("state").asText())) {
                    return false;
                }
            }
        }
        return true;
    }
}
