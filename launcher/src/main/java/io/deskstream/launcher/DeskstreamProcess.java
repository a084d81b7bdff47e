package io.deskstream.launcher;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

import io.deskstream.api.ApiSettings;
import io.deskstream.api.DeskstreamApi;
import io.deskstream.api.HttpServer;
import io.deskstream.api.cluster.LiveTopology;
import io.deskstream.ingest.ConfigurationWriter;
import io.deskstream.ingest.EventPublisher;
import io.deskstream.schemas.json.CanonicalEventParser;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.state.HostInfo;
import java.time.Clock;
import java.util.Map;
import io.deskstream.api.auth.AdminToken;
import io.deskstream.kafka.broker.BrokerSettings;
import io.deskstream.kafka.broker.EmbeddedKafkaBroker;
import io.deskstream.registry.EmbeddedSchemaRegistry;
import io.deskstream.schemas.wire.ConfluentAvroSerializer;
import io.deskstream.schemas.wire.SchemaRegistryClient;
import io.deskstream.topology.TopologySettings;
import io.javalin.config.JavalinConfig;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running deskstream: the embedded broker (unless a cluster is given), the topics, the schema registry (embedded
 * unless one is given), the HTTP port and the topology. Parts start in dependency order and stop in reverse.
 */
final class DeskstreamProcess implements AutoCloseable {

    static final String REGISTRY_PATH = "/schema-registry";
    static final String SCHEMAS_TOPIC = "_schemas";
    private static final Logger LOG = LoggerFactory.getLogger(DeskstreamProcess.class);

    private final RuntimeSettings settings;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private String bootstrapServers;
    private String schemaRegistryUrl;
    private AdminToken adminToken;
    private List<String> createdTopics = List.of();
    private StreamsRuntime streams;
    private final LiveTopology liveTopology = new LiveTopology();

    private DeskstreamProcess(RuntimeSettings settings) {
        this.settings = settings;
    }

    static DeskstreamProcess start(RuntimeSettings settings) throws IOException, InterruptedException {
        return start(settings, true);
    }

    /** @param withTopology false to start everything but the topology, which {@link #startTopology()} starts later */
    static DeskstreamProcess start(RuntimeSettings settings, boolean withTopology)
            throws IOException, InterruptedException {
        DeskstreamProcess process = new DeskstreamProcess(settings);
        try {
            process.startParts();
            if (withTopology) {
                process.startTopology();
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.close();
            throw e;
        }
        return process;
    }

    private void startParts() throws IOException, InterruptedException {
        java.nio.file.Files.createDirectories(settings.dataDir());
        PortCheck.requireFree(settings.httpHost(), settings.httpPort(), "HTTP", "--http-port");
        if (settings.embeddedBroker()) {
            BrokerSettings broker = BrokerSettings.of(settings.kafkaDir(), settings.kafkaPort(),
                    settings.topicLayout().partitions());
            PortCheck.requireFree("127.0.0.1", broker.port(), "Kafka", "--kafka-port");
            PortCheck.requireFree("127.0.0.1", broker.controllerPort(), "Kafka controller, the Kafka port + 1",
                    "--kafka-port");
            bootstrapServers = started(EmbeddedKafkaBroker.start(broker)).bootstrapServers();
        } else {
            bootstrapServers = settings.bootstrapServers();
            ClusterCheck.requireReachable(bootstrapServers);
        }
        List<NewTopic> topics = new ArrayList<>(settings.topicLayout().newTopics());
        ConfiguredDepartments.read(bootstrapServers, settings.topics().departments())
                .forEach(id -> topics.add(settings.topicLayout().departmentTopic(id)));
        createdTopics = TopicProvisioner.createMissing(bootstrapServers, topics);
        adminToken = AdminToken.resolve(settings.instance().adminToken(), settings.dataDir());

        List<Consumer<JavalinConfig>> routes = new ArrayList<>();
        if (settings.embeddedRegistry()) {
            EmbeddedSchemaRegistry registry = started(EmbeddedSchemaRegistry.start(bootstrapServers, SCHEMAS_TOPIC));
            routes.add(config -> registry.routes(config, REGISTRY_PATH));
            schemaRegistryUrl = settings.localHttpUrl() + REGISTRY_PATH;
        } else {
            schemaRegistryUrl = settings.schemaRegistryUrl();
        }
        DeskstreamApi api = api();
        routes.add(api::declare);
        started(HttpServer.start(settings.httpHost(), settings.httpPort(), routes));
        LOG.info("deskstream started: Kafka {}, schema registry {}", bootstrapServers, schemaRegistryUrl);
    }

    /** Stops processing, without leaving the group, until {@link #resumeTopology()}. */
    void pauseTopology() {
        streams.pause();
    }

    void resumeTopology() {
        streams.resume();
    }

    void startTopology() throws InterruptedException {
        TopologySettings topology = new TopologySettings(settings.topics(), new SchemaRegistryClient(schemaRegistryUrl))
                .withReportZone(settings.reportTimezone());
        streams = started(StreamsRuntime.start(bootstrapServers, topology, settings.streamsDir(),
                settings.topicLayout().replication(),
                settings.advertisedAddress(), settings.instance().standbyReplicas()));
        liveTopology.started(streams.streams(), streams.description());
        InstanceSettings.Exports exports = settings.instance().exports();
        if (exports.enabled()) {
            started(ExportWorker.start(bootstrapServers, schemaRegistryUrl, settings.topics().reportRows(),
                    settings.dataDir(), settings.exportsDir(), exports.closeDelay(), exports.commitInterval()));
        }
    }

    /** The HTTP API over this process's topology, producers and admin client (closed with the process). */
    private DeskstreamApi api() {
        Admin admin = started(Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)));
        ConfigurationWriter configuration = started(new ConfigurationWriter(bootstrapServers, recordSerializer(),
                settings.topicLayout()));
        EventPublisher events = started(new EventPublisher(bootstrapServers, recordSerializer(), settings.topics()));
        ApiSettings apiSettings = new ApiSettings(settings.topics(), StreamsRuntime.applicationId(settings.topics()),
                settings.reportTimezone(), settings.instance().maxEventsBodyBytes(),
                HostInfo.buildFromEndpoint(settings.advertisedAddress()), settings.instance().maxEventsInFlightBytes(),
                settings.instance().maxReportRows());
        return new DeskstreamApi(apiSettings, new DeskstreamApi.Backends(liveTopology, admin, configuration, events,
                new CanonicalEventParser(), adminToken.token()), Clock.systemUTC());
    }

    private <T extends AutoCloseable> T started(T part) {
        running.push(part);
        return part;
    }

    RuntimeSettings settings() {
        return settings;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    String httpUrl() {
        return settings.localHttpUrl();
    }

    StreamsRuntime streams() {
        return streams;
    }

    AdminToken adminToken() {
        return adminToken;
    }

    List<String> createdTopics() {
        return createdTopics;
    }

    /** A serializer of Avro records in the Confluent wire format, registering with this process's registry. */
    Serializer<SpecificRecord> recordSerializer() {
        return new ConfluentAvroSerializer<>(new SchemaRegistryClient(schemaRegistryUrl));
    }

    /** Runs {@code part} until this process stops; it is closed before the parts started earlier. */
    <T extends AutoCloseable> T keep(T part) {
        return started(part);
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            AutoCloseable part = running.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
