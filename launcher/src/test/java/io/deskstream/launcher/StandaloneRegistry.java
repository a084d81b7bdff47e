package io.deskstream.launcher;

import java.util.List;
import java.util.Map;

import io.deskstream.api.HttpServer;
import io.deskstream.kafka.broker.LocalPorts;
import io.deskstream.registry.EmbeddedSchemaRegistry;
import io.deskstream.registry.RegistryAuth;

/**
 * A schema registry outside deskstream: the registry module served on a port of its own, which a test stops and
 * serves again on the same port, as an operator restarts a registry.
 */
final class StandaloneRegistry implements AutoCloseable {

    private static final String PATH = "/schema-registry";

    private final EmbeddedSchemaRegistry registry;
    private final RegistryAuth auth;
    private final int port;
    private HttpServer http;

    private StandaloneRegistry(EmbeddedSchemaRegistry registry, RegistryAuth auth, int port) {
        this.registry = registry;
        this.auth = auth;
        this.port = port;
    }

    /** @param secret what writes need, sent as {@code USER:SECRET} */
    static StandaloneRegistry start(String bootstrapServers, String secret) throws InterruptedException {
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(Map.of("bootstrap.servers", bootstrapServers),
                "_schemas");
        StandaloneRegistry standalone = new StandaloneRegistry(registry,
                new RegistryAuth(secret, RegistryAuth.Scope.WRITES), LocalPorts.free());
        standalone.serve();
        return standalone;
    }

    String url() {
        return "http://127.0.0.1:" + port + PATH;
    }

    int port() {
        return port;
    }

    /** Stops answering: the port is closed. */
    void stop() {
        if (http != null) {
            http.close();
            http = null;
        }
    }

    /** Answers again on the same port. */
    void serve() {
        http = HttpServer.start("127.0.0.1", port, List.of(config -> registry.routes(config, PATH, auth)));
    }

    @Override
    public void close() {
        stop();
        registry.close();
    }
}
