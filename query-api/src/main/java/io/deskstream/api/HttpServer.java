package io.deskstream.api;

import java.util.List;
import java.util.function.Consumer;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * deskstream's one HTTP port: the API, the dashboard and, when embedded, the schema registry all declare their routes
 * on it. Each part brings its routes as a {@code Consumer<JavalinConfig>} so that none of them knows the others.
 */
public final class HttpServer implements AutoCloseable {

    private final Javalin javalin;

    private HttpServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /** Starts serving HTTP on {@code host:port} (port 0 picks a free one) with the given route sets. */
    public static HttpServer start(String host, int port, List<Consumer<JavalinConfig>> routeSets) {
        return start(host, port, null, routeSets);
    }

    /**
     * Starts serving on {@code host:port} (port 0 picks a free one) with the given route sets: HTTPS only with
     * {@code https}'s key and chain, plain HTTP when it is null.
     */
    public static HttpServer start(String host, int port, HttpsCertificate https,
                                   List<Consumer<JavalinConfig>> routeSets) {
        Javalin javalin = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            if (https != null) {
                // With a connector of its own, Javalin adds no plain HTTP connector: the port speaks TLS only.
                config.jetty.addConnector((server, httpConfiguration) -> httpsConnector(server, httpConfiguration,
                        host, port, https));
            }
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

    private static ServerConnector httpsConnector(Server server, HttpConfiguration httpConfiguration, String host,
                                                  int port, HttpsCertificate https) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(https.keyStore());
        tls.setKeyStorePassword(https.password());
        tls.setKeyManagerPassword(https.password());
        HttpConfiguration secure = new HttpConfiguration(httpConfiguration);
        secure.setSecureScheme("https");
        secure.setSecurePort(port);
        secure.addCustomizer(new SecureRequestCustomizer());
        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(secure));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
