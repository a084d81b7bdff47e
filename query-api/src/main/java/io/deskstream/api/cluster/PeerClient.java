package io.deskstream.api.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskstream.api.ApiError;
import io.deskstream.api.ApiJson;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance of the same deployment for its part of an answer, over its internal routes, with the
 * caller's own token: the other instance checks it as this one did.
 */
public final class PeerClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final String scheme;

    /** Calls the other instances over plain HTTP. */
    public PeerClient() {
        this(null);
    }

    /**
     * @param tls null to call the other instances over plain HTTP, else over HTTPS trusting whom this context trusts
     *            (host names are checked as always): the caller's token never travels in clear
     */
    public PeerClient(SSLContext tls) {
        HttpClient.Builder http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            http.sslContext(tls);
        }
        this.http = http.build();
        this.scheme = tls == null ? "http://" : "https://";
    }

    /** Completes with the peer's JSON answer, or fails with the {@link ApiError} to give the caller. */
    public CompletableFuture<JsonNode> get(HostInfo peer, String pathAndQuery, String authorization) {
        return send(peer, pathAndQuery, authorization, HttpRequest.BodyPublishers.noBody(), "GET");
    }

    /** As {@link #get}, for a question too large for a query: its JSON body posted. */
    public CompletableFuture<JsonNode> post(HostInfo peer, String path, byte[] jsonBody, String authorization) {
        return send(peer, path, authorization, HttpRequest.BodyPublishers.ofByteArray(jsonBody), "POST");
    }

    private CompletableFuture<JsonNode> send(HostInfo peer, String pathAndQuery, String authorization,
                                             HttpRequest.BodyPublisher question, String method) {
        String address = peer.host() + ":" + peer.port();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(scheme + address + pathAndQuery))
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (method.equals("POST")) {
            builder.header("Content-Type", "application/json");
        }
        HttpRequest request = builder.method(method, question).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw ApiError.unavailable("instance " + address + " cannot be reached (it may be stopping or "
                                + "starting): " + rootMessage(failure));
                    }
                    JsonNode body = parse(response.body(), address);
                    if (response.statusCode() == 200) {
                        return body;
                    }
                    String error = body.path("error").asText("status " + response.statusCode());
                    if (response.statusCode() == 503) {
                        throw ApiError.unavailable("instance " + address + ": " + error);
                    }
                    if (response.statusCode() >= 400 && response.statusCode() < 500) {
                        throw ApiError.passedOn(response.statusCode(), error);
                    }
                    throw ApiError.badGateway("instance " + address + " answered " + response.statusCode() + ": " + error);
                });
    }

    /** Waits for an answer of {@link #get}: the peer's JSON, or the {@link ApiError} to give the caller. */
    public static JsonNode await(CompletableFuture<JsonNode> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ApiError error) {
                throw error;
            }
            throw ApiError.unavailable("another instance did not answer: " + e.getCause());
        }
    }

    private static JsonNode parse(byte[] body, String address) {
        try {
            return ApiJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiError.badGateway("instance " + address + " answered something that is not JSON");
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
