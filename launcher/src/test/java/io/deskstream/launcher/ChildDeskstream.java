package io.deskstream.launcher;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** deskstream run in a JVM of its own, so that a test can kill it with kill -9 and start it again. */
final class ChildDeskstream {

    private ChildDeskstream() {
    }

    /**
     * Starts {@code deskstream run} on the embedded broker with two partitions, its output in {@code crashing.log}.
     *
     * @param adminToken the admin token, or null for one made in the data dir
     * @param more       further options
     */
    static Process start(Path dataDir, int kafkaPort, int httpPort, String adminToken, String... more)
            throws java.io.IOException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(javaBinary(), "-Xmx768m", "-cp",
                System.getProperty("java.class.path"), Deskstream.class.getName(), "run",
                "--data-dir", dataDir.toString(), "--kafka-port", String.valueOf(kafkaPort),
                "--http-port", String.valueOf(httpPort), "--partitions", "2"));
        command.addAll(java.util.List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("crashing.log").toFile());
        if (adminToken != null) {
            builder.environment().put("DESKSTREAM_ADMIN_TOKEN", adminToken);
        }
        return builder.start();
    }

    /** The java command of this JVM, to start the child with the same classes. */
    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString();
    }

    /** Waits until {@code url} answers 200, failing at once if the child exits. */
    static void awaitHttp(String url, Process process) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("deskstream exited with " + process.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("deskstream did not answer " + url + " within 2 minutes");
    }
}
