package io.deskstream.launcher;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.deskstream.api.ApiSettings;
import io.deskstream.api.DeskstreamApi;
import io.deskstream.api.HttpServer;
import io.deskstream.api.HttpsCertificate;
import io.deskstream.api.cluster.LiveTopology;
import io.deskstream.ingest.ConfigurationWriter;
import io.deskstream.ingest.EventPublisher;
import io.deskstream.schemas.json.CanonicalEventParser;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.streams.state.HostInfo;
import io.deskstream.api.auth.AdminToken;
import io.deskstream.api.status.ExportState;
import io.deskstream.kafka.broker.BrokerSettings;
import io.deskstream.kafka.broker.EmbeddedKafkaBroker;
import io.deskstream.registry.EmbeddedSchemaRegistry;
import io.deskstream.registry.RegistryAuth;
import io.deskstream.schemas.events.CallEvent;
import io.deskstream.schemas.events.ChatEvent;
import io.deskstream.schemas.events.RatingEvent;
import io.deskstream.schemas.events.TicketEvent;
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
    /** The user name this process's clients send to its embedded registry; the registry takes any, the token decides. */
    static final String REGISTRY_USER = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(DeskstreamProcess.class);
    /** The longest one event of {@code POST /api/v1/events} waits for Kafka to take it (no brokers, a full buffer). */
    private static final Duration EVENTS_MAX_BLOCK = Duration.ofSeconds(10);

    private final RuntimeSettings settings;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private String bootstrapServers;
    private String schemaRegistryUrl;
    /** What this process's registry clients send as HTTP Basic auth ({@code USER:PASSWORD}), or null. */
    private String registryUserInfo;
    private AdminToken adminToken;
    private List<String> createdTopics = List.of();
    private StreamsRuntime streams;
    private final LiveTopology liveTopology = new LiveTopology();
    private final LiveExport liveExport = new LiveExport();
    private OperatorMetrics metrics;

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
        requireCertificateNamesAdvertisedHost();
        java.nio.file.Files.createDirectories(settings.dataDir());
        metrics = started(new OperatorMetrics());
        String advertising = settings.advertisedAddressWarning();
        if (advertising != null) {
            LOG.warn(advertising);
        }
        PortCheck.requireFree(settings.httpHost(), settings.httpPort(), "HTTP", "--http-port");
        if (settings.embeddedBroker()) {
            BrokerSettings broker = BrokerSettings.of(settings.kafkaDir(), settings.kafkaPort(),
                    settings.topicLayout().partitions());
            PortCheck.requireFree("127.0.0.1", broker.port(), "Kafka", "--kafka-port");
            PortCheck.requireFree("127.0.0.1", broker.controllerPort(), "Kafka controller, the Kafka port + 1",
                    "--kafka-port");
            if (settings.kafkaClients().securityProtocol() != SecurityProtocol.PLAINTEXT) {
                throw new IllegalArgumentException("the embedded broker takes PLAINTEXT clients only, and "
                        + settings.kafkaClients().source() + " sets security.protocol="
                        + settings.kafkaClients().securityProtocol() + ": it is for a cluster given with "
                        + "--bootstrap-servers");
            }
            bootstrapServers = started(EmbeddedKafkaBroker.start(broker)).bootstrapServers();
        } else {
            bootstrapServers = settings.bootstrapServers();
            ClusterCheck.requireReachable(bootstrapServers, settings.kafkaClients());
        }
        List<NewTopic> topics = new ArrayList<>(settings.topicLayout().newTopics());
        ConfiguredDepartments.read(kafkaConnection(), settings.topics().departments())
                .forEach(id -> topics.add(settings.topicLayout().departmentTopic(id)));
        createdTopics = TopicProvisioner.createMissing(kafkaConnection(), topics);
        adminToken = AdminToken.resolve(settings.instance().adminToken(), settings.dataDir());

        List<Consumer<JavalinConfig>> routes = new ArrayList<>();
        InstanceSettings.Registry access = settings.instance().registry();
        if (settings.embeddedRegistry() && access.userInfo() != null) {
            LOG.warn("--schema-registry-user-info is for a registry given by --schema-registry-url; it is not used "
                    + "with the embedded registry, whose clients here send the admin token");
        }
        if (!settings.embeddedRegistry() && access.auth() != RegistryAuth.Scope.WRITES) {
            LOG.warn("--registry-auth is for the embedded registry; the registry at {} decides who may read it",
                    settings.schemaRegistryUrl());
        }
        if (settings.embeddedRegistry()) {
            EmbeddedSchemaRegistry registry = started(EmbeddedSchemaRegistry.start(kafkaConnection(), SCHEMAS_TOPIC));
            RegistryAuth auth = new RegistryAuth(adminToken.token(), access.auth());
            routes.add(config -> registry.routes(config, REGISTRY_PATH, auth));
            // Over HTTPS at the advertised address, the name the certificate holds (checked at start).
            schemaRegistryUrl = (settings.https() != null ? "https://" + settings.advertisedAddress()
                    : settings.localHttpUrl()) + REGISTRY_PATH;
            // The admin token goes only to this process's own registry; an external one gets what was configured.
            registryUserInfo = REGISTRY_USER + ":" + adminToken.token();
            registerInputSchemas(registry);
        } else {
            schemaRegistryUrl = settings.schemaRegistryUrl();
            registryUserInfo = access.userInfo();
        }
        DeskstreamApi api = api();
        routes.add(api::declare);
        started(HttpServer.start(settings.httpHost(), settings.httpPort(),
                settings.https() == null ? null : settings.https().certificate(), routes));
        LOG.info("deskstream started: Kafka {}, schema registry {}", bootstrapServers, schemaRegistryUrl);
    }

    /**
     * Registers the input events' schemas, so that a client that may only read the registry — {@code deskstream
     * ingest} without credentials — can still write events: it finds them registered (a read) rather than
     * registering them (a write).
     */
    private void registerInputSchemas(EmbeddedSchemaRegistry registry) {
        var topics = settings.topics();
        Map<String, org.apache.avro.Schema> inputs = Map.of(topics.ticketEvents(), TicketEvent.getClassSchema(),
                topics.chatEvents(), ChatEvent.getClassSchema(), topics.callEvents(), CallEvent.getClassSchema(),
                topics.ratingEvents(), RatingEvent.getClassSchema());
        inputs.forEach((topic, schema) -> {
            try {
                registry.store().register(topic + "-value", schema.toString());
            } catch (RuntimeException e) {
                LOG.warn("could not register the schema of {} at start: {}", topic, e.getMessage());
            }
        });
    }

    /** Stops processing, without leaving the group, until {@link #resumeTopology()}. */
    void pauseTopology() {
        streams.pause();
    }

    void resumeTopology() {
        streams.resume();
    }

    void startTopology() throws InterruptedException {
        TopologySettings topology = new TopologySettings(settings.topics(), registryClient())
                .withReportZone(settings.reportTimezone()).withRetention(settings.retention())
                .withObserver(metrics.observer(liveTopology::reportDataWritten));
        streams = started(StreamsRuntime.start(settings.kafkaClients(), bootstrapServers, topology,
                settings.streamsDir(), settings.topicLayout().replication(),
                settings.advertisedAddress(), settings.instance().standbyReplicas(),
                settings.processing().commitInterval(), settings.instance().sessionTimeout()));
        liveTopology.started(streams.streams(), streams.description());
        metrics.bind(streams.streams());
        InstanceSettings.Exports exports = settings.instance().exports();
        if (exports.enabled()) {
            // The sinks only read schemas: they get credentials only when reading needs them, since the Connect
            // worker keeps connector settings readable on its (local) REST port.
            String sinkUserInfo = settings.embeddedRegistry()
                    && settings.instance().registry().auth() == RegistryAuth.Scope.WRITES ? null : registryUserInfo;
            List<java.nio.file.Path> registryTrust = settings.https() != null ? settings.https().trustedFiles()
                    : List.of();
            liveExport.started(started(ExportWorker.start(settings.kafkaClients(), bootstrapServers,
                    new ExportWorker.Registry(schemaRegistryUrl, sinkUserInfo, registryTrust),
                    settings.topics().reportRows(), settings.dataDir(), settings.exportsDir(),
                    new ExportWorker.Timing(exports.closeDelay(), exports.commitInterval(), settings.retention()))));
        }
    }

    /** The HTTP API over this process's topology, producers and admin client (closed with the process). */
    private DeskstreamApi api() {
        Admin admin = started(Admin.create(kafkaConnection()));
        // The API's writers answer requests: a registry or a Kafka that is down or slow is reported while the
        // client still waits (503), not after minutes of retries.
        Serializer<SpecificRecord> values = new ConfluentAvroSerializer<>(
                registryClient(SchemaRegistryClient.Settings.interactive()));
        ConfigurationWriter configuration = started(new ConfigurationWriter(kafkaConnection(), values,
                settings.topicLayout()));
        EventPublisher events = started(new EventPublisher(kafkaConnection(), values, settings.topics(),
                EVENTS_MAX_BLOCK));
        metrics.bind(events.producer());
        ApiSettings apiSettings = new ApiSettings(settings.topics(), StreamsRuntime.applicationId(settings.topics()),
                settings.reportTimezone(), settings.instance().maxEventsBodyBytes(),
                HostInfo.buildFromEndpoint(settings.advertisedAddress()), settings.instance().metricsNeedToken(),
                settings.https() == null ? null : settings.https().trust(), settings.instance().maxEventsInFlightBytes(),
                settings.instance().maxReportRows(), settings.instance().reportStreams());
        return new DeskstreamApi(apiSettings, new DeskstreamApi.Backends(liveTopology, admin, configuration, events,
                new CanonicalEventParser(), adminToken.token(), metrics.registry(),
                settings.instance().exports().enabled() ? liveExport : ExportState.OFF), Clock.systemUTC());
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

    /**
     * The base of every Kafka client of this process: {@code bootstrap.servers} and the properties of
     * {@code --kafka-config}; a new map each time, for the caller to add its own settings to.
     */
    Map<String, Object> kafkaConnection() {
        return settings.kafkaClients().connection(bootstrapServers);
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
        return new ConfluentAvroSerializer<>(registryClient());
    }

    /**
     * A client of this process's registry, with this process's credentials for it. With HTTPS on, it trusts what
     * calls between instances trust: the embedded registry of this or another instance is served with their
     * certificates.
     */
    SchemaRegistryClient registryClient() {
        return registryClient(SchemaRegistryClient.Settings.defaults());
    }

    private SchemaRegistryClient registryClient(SchemaRegistryClient.Settings timing) {
        return new SchemaRegistryClient(schemaRegistryUrl, timing, registryUserInfo,
                settings.https() != null ? settings.https().trust() : null);
    }

    /**
     * With HTTPS, the other instances and this one's own clients (of the embedded registry) call it at its advertised
     * address, and check that its certificate holds that name: better said at start than at the first call.
     */
    private void requireCertificateNamesAdvertisedHost() {
        if (settings.https() == null) {
            return;
        }
        HttpsCertificate certificate = settings.https().certificate();
        String host = HostInfo.buildFromEndpoint(settings.advertisedAddress()).host();
        if (!certificate.names(host)) {
            throw new IllegalArgumentException("the certificate in " + certificate.certificateFile() + " is for "
                    + String.join(", ", certificate.names()) + ", not for " + host + ", where the other instances "
                    + "and this one's own clients call it; pass --advertised-address HOST:PORT with a name the "
                    + "certificate holds, or use a certificate for " + host);
        }
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
