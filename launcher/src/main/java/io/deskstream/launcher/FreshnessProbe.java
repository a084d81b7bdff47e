package io.deskstream.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deskstream.ingest.EventPublisher;
import io.deskstream.schemas.json.CanonicalEventParser;

/**
 * Probe tickets of a department of their own: each is sent to Kafka, and from the acknowledgement on, its
 * conversation and the report's count of the department's created tickets are read through the HTTP API until they
 * show it.
 */
final class FreshnessProbe {

    static final String DEPARTMENT = "freshness-probe";
    static final Duration GIVE_UP = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the probes of one period measured. */
    record Figures(int probes, int lost, Latencies conversation, Latencies report) {
    }

    private final ApiCaller api;
    private final Instant since;
    private final CanonicalEventParser parser = new CanonicalEventParser();
    private int sent;

    /** @param since a whole hour before the first probe: the report counts the probes from there on */
    FreshnessProbe(ApiCaller api, Instant since) {
        this.api = api;
        this.since = since;
    }

    void configure() throws Exception {
        api.expect("PUT", "/api/v1/departments/" + DEPARTMENT,
                "{\"id\":\"" + DEPARTMENT + "\",\"name\":\"Freshness probes\"}", 0);
    }

    /**
     * Probes for {@code period}, one after the other, 100–200 ms apart.
     *
     * @param healthy throws when the load beside the probes has failed
     */
    Figures run(EventPublisher publisher, Duration period, Runnable healthy) throws Exception {
        List<Long> conversation = new ArrayList<>();
        List<Long> report = new ArrayList<>();
        int lost = 0;
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            healthy.run();
            long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(100, 201) * 1_000_000;
            String id = "fp-" + (++sent);
            publisher.publish(parser.parse("{\"id\":\"" + id + "\",\"type\":\"ticket.created\",\"ts\":\""
                    + Instant.now() + "\",\"ticketId\":\"" + id + "\",\"channel\":\"email\",\"departmentId\":\""
                    + DEPARTMENT + "\"}")).get();
            long acknowledged = System.nanoTime();
            long deadline = acknowledged + GIVE_UP.toNanos();
            long seen = await(deadline, () -> api.call("GET", "/api/v1/conversations/" + id, null).status() == 200);
            long counted = await(deadline, () -> createdSinceStart() >= sent);
            if (seen < 0 || counted < 0) {
                lost++;
            } else {
                conversation.add(seen - acknowledged);
                report.add(counted - acknowledged);
            }
            long pause = next - System.nanoTime();
            if (pause > 0) {
                Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
            }
        }
        return new Figures(conversation.size() + lost, lost, Latencies.of(conversation), Latencies.of(report));
    }

    private long createdSinceStart() throws Exception {
        ApiCaller.Answer answer = api.call("GET", "/api/v1/reports/departments?granularity=total&from=" + since
                + "&department=" + DEPARTMENT, null);
        if (answer.status() != 200) {
            return -1;
        }
        long created = 0;
        for (var row : JSON.readTree(answer.body()).path("rows")) {
            created += row.path("tickets_created").asLong();
        }
        return created;
    }

    private interface Check {
        boolean passes() throws Exception;
    }

    /** The moment {@code check} first passes, polled every millisecond, or -1 past the deadline. */
    private static long await(long deadline, Check check) throws Exception {
        while (System.nanoTime() < deadline) {
            if (check.passes()) {
                return System.nanoTime();
            }
            Thread.sleep(1);
        }
        return -1;
    }
}
