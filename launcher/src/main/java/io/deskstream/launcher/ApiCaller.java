package io.deskstream.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The benchmarks' client of deskstream's HTTP API: one base URL, one bearer token. */
final class ApiCaller {

    /** A status and a body. */
    record Answer(int status, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final String token;

    ApiCaller(String base, String token) {
        this.base = base;
        this.token = token;
    }

    HttpClient http() {
        return http;
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    String token() {
        return token;
    }

    Answer call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** @param expected the status to insist on, 0 for any 2xx */
    String expect(String method, String path, String body, int expected) throws IOException, InterruptedException {
        Answer answer = call(method, path, body);
        boolean ok = expected == 0 ? answer.status() / 100 == 2 : answer.status() == expected;
        if (!ok) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }
}
