package io.deskstream.kafka.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker, KRaft mode, one node that is both broker and controller, running inside this JVM.
 *
 * <p>The storage is formatted once (when {@code meta.properties} is absent) and reused afterwards, so a restart on
 * the same directory keeps every record. Replication settings are those of a single node.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String SASL_LISTENER = "SASL_PLAINTEXT";
    private static final int NODE_ID = 1;

    private final BrokerSettings settings;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(BrokerSettings settings) {
        this.settings = settings;
    }

    /** Formats the storage if it is new, then starts the broker and returns once it serves clients. */
    public static EmbeddedKafkaBroker start(BrokerSettings settings) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(settings);
        broker.startServer();
        return broker;
    }

    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    /** The address of the listener that takes only SASL/PLAIN clients; only with a SASL listener in the settings. */
    public String saslBootstrapServers() {
        return settings.saslBootstrapServers();
    }

    public BrokerSettings settings() {
        return settings;
    }

    private void startServer() {
        Path logDir = settings.logDir().toAbsolutePath();
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka data directory " + logDir, e);
        }
        routeFatalFaultsThroughOurLog();
        Properties props = brokerProperties(logDir);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(logDir);
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        LOG.info("Kafka broker started on {} with data in {}", bootstrapServers(), logDir);
    }

    private Properties brokerProperties(Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + settings.controllerPort());
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + settings.port() + ",CONTROLLER://127.0.0.1:" + settings.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + settings.port());
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        BrokerSettings.SaslPlainListener sasl = settings.saslListener();
        if (sasl != null) {
            // A further client listener for clients that log in; the controller and the broker itself stay on
            // PLAINTEXT over loopback. Without an authorizer every user that logs in may do anything.
            String listener = SASL_LISTENER + "://127.0.0.1:" + sasl.port();
            p.put("listeners", p.get("listeners") + "," + listener);
            p.put("advertised.listeners", p.get("advertised.listeners") + "," + listener);
            p.put("listener.security.protocol.map", p.get("listener.security.protocol.map") + ","
                    + SASL_LISTENER + ":SASL_PLAINTEXT");
            String prefix = "listener.name." + SASL_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
            p.put(prefix + "sasl.enabled.mechanisms", "PLAIN");
            p.put(prefix + "plain.sasl.jaas.config", sasl.jaasConfig());
        }
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", String.valueOf(settings.defaultPartitions()));
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The cleaner takes this much heap at start; 128 MB by default is far more than one node needs.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        p.put("auto.create.topics.enable", "false");
        // Help-desk events may be stamped up to a day ahead of the clock; Kafka's default refuses an hour ahead.
        p.put("log.message.timestamp.after.max.ms", String.valueOf(25L * 60 * 60 * 1000));
        return p;
    }

    private void format(Path logDir) {
        try {
            new Formatter()
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Kafka stops the whole JVM on a fatal fault through its {@code Exit} utility. We keep that (the broker cannot go
     * on) but say why in our own log first, since the process is more than the broker.
     */
    private static void routeFatalFaultsThroughOurLog() {
        Exit.setHaltProcedure((code, message) -> {
            LOG.error("The embedded Kafka broker hit a fatal fault (halt {}): {}", code, message);
            Runtime.getRuntime().halt(code);
        });
        Exit.setExitProcedure((code, message) -> {
            LOG.error("The embedded Kafka broker asked to exit ({}): {}", code, message);
            Runtime.getRuntime().halt(code);
        });
    }

    /** Stops the broker and waits until its files are closed. */
    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            LOG.info("Kafka broker on {} stopped", bootstrapServers());
        }
    }

}
