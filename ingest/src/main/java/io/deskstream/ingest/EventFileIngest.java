package io.deskstream.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.schemas.json.InputEvent;
import io.deskstream.schemas.json.InvalidInputException;

/**
 * Sends a JSON Lines file of events (events.md) to Kafka: each valid line to its input topic, each refused line to
 * the dead-letter topic, and reports what it did. Blank lines are skipped. It returns only once every send is
 * acknowledged, so a summary always describes data that is durably in Kafka.
 */
public final class EventFileIngest {

    /** Told after every line, so that a caller can draw progress. */
    public interface Progress {
        void lineDone(long linesDone);
    }

    private final CanonicalEventParser parser;
    private final EventPublisher publisher;

    public EventFileIngest(CanonicalEventParser parser, EventPublisher publisher) {
        this.parser = parser;
        this.publisher = publisher;
    }

    /** Counts the lines of a file, for a progress bar's total. */
    public static long countLines(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        }
    }

    public IngestSummary ingest(Path file, Progress progress) throws IOException, InterruptedException {
        List<CompletableFuture<?>> pending = new ArrayList<>();
        List<IngestSummary.RefusedLine> refused = new ArrayList<>();
        long sent = 0;
        long lineNumber = 0;
        String origin = "file:" + file.getFileName() + ":";
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (!line.isBlank()) {
                    try {
                        InputEvent event = parser.parse(line);
                        pending.add(publisher.publish(event));
                        sent++;
                    } catch (InvalidInputException e) {
                        refused.add(new IngestSummary.RefusedLine(lineNumber, e.reason(), e.getMessage()));
                        pending.add(publisher.publishRefused(
                                line.getBytes(StandardCharsets.UTF_8), e.reason(), e.getMessage(), origin + lineNumber));
                    }
                }
                progress.lineDone(lineNumber);
                if (pending.size() >= 10_000) {
                    awaitAll(pending);
                }
            }
        }
        awaitAll(pending);
        return new IngestSummary(sent, refused);
    }

    private static void awaitAll(List<CompletableFuture<?>> pending) throws InterruptedException {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not accept an event: " + e.getCause().getMessage(), e.getCause());
        }
        pending.clear();
    }
}
