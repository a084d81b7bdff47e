package io.deskstream.api;

import java.util.List;
import java.util.function.Consumer;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;

/**
 * deskstream's one HTTP port: the API, the dashboard and, when embedded, the schema registry all declare their routes
 * on it. Each part brings its routes as a {@code Consumer<JavalinConfig>} so that none of them knows the others.
 */
public final class HttpServer implements AutoCloseable {

    private final Javalin javalin;

    private HttpServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /** Starts serving on {@code host:port} (port 0 picks a free one) with the given route sets. */
    public static HttpServer start(String host, int port, List<Consumer<JavalinConfig>> routeSets) {
        Javalin javalin = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            // Report answers run to a few hundred kilobytes: one buffer holds most of them, so each is written in one go.
            config.http.responseBufferSize = 256 * 1024;
            // What Jetty refuses itself (a request line or headers too long) is answered as JSON like every error.
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            routeSets.forEach(routes -> routes.accept(config));
        });
        javalin.start();
        return new HttpServer(javalin);
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
