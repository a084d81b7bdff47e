package io.deskstream.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Asks every instance for the week's report five times a second, as a dashboard would, and keeps each answer's
 * status with its time: how long a kill left queries answering 503 is read from it afterwards.
 */
final class QueryWatch implements AutoCloseable {

    /** No answer at all: the instance is down, or did not answer within the probe's timeout. */
    static final int NO_ANSWER = 0;
    private static final String QUESTION = "/api/v1/reports/departments?from=" + ConformanceWeek.FROM + "&to="
            + ConformanceWeek.TO + "&granularity=total&groupBy=department";
    private static final long PERIOD_MILLIS = 200;

    /** One answer: when it came (System.nanoTime) and its status. */
    record Answer(long at, int status) {
    }

    /**
     * Time spent answering 503 within a span.
     *
     * @param total   all the time answering 503
     * @param longest the longest stretch of 503s in a row
     */
    record Unavailable(Duration total, Duration longest) {
    }

    private final List<List<Answer>> answers = new ArrayList<>();
    private final List<Thread> probes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile boolean closed;

    QueryWatch(List<String> baseUrls, String token) {
        for (String baseUrl : baseUrls) {
            List<Answer> mine = new CopyOnWriteArrayList<>();
            answers.add(mine);
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + QUESTION)).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + token).build();
            Thread probe = new Thread(() -> probe(request, mine), "cluster-test-probe-" + baseUrl);
            probe.setDaemon(true);
            probes.add(probe);
        }
    }

    void start() {
        probes.forEach(Thread::start);
    }

    private void probe(HttpRequest request, List<Answer> mine) {
        while (!closed) {
            int status;
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException down) {
                status = NO_ANSWER;
            } catch (InterruptedException e) {
                return;
            }
            mine.add(new Answer(System.nanoTime(), status));
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The 503s of instance {@code index} between {@code from} and {@code to} (System.nanoTime). */
    Unavailable unavailable(int index, long from, long to) {
        List<Answer> span = answers.get(index).stream().filter(a -> a.at() >= from && a.at() <= to).toList();
        long total = 0;
        long longest = 0;
        long runStart = -1;
        for (int i = 0; i < span.size(); i++) {
            Answer answer = span.get(i);
            boolean unavailable = answer.status() == 503;
            if (unavailable && runStart < 0) {
                runStart = i == 0 ? from : span.get(i - 1).at();
            }
            if (!unavailable && runStart >= 0) {
                total += answer.at() - runStart;
                longest = Math.max(longest, answer.at() - runStart);
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            total += to - runStart;
            longest = Math.max(longest, to - runStart);
        }
        return new Unavailable(Duration.ofNanos(total), Duration.ofNanos(longest));
    }

    /**
     * When instance {@code index} answered 200 {@code inARow} times in a row after {@code from}, counted from the
     * first of them, or -1 if it has not yet.
     */
    long answeringSince(int index, long from, int inARow) {
        long since = -1;
        int streak = 0;
        for (Answer answer : answers.get(index)) {
            if (answer.at() < from) {
                continue;
            }
            if (answer.status() == 200) {
                if (streak++ == 0) {
                    since = answer.at();
                }
                if (streak >= inARow) {
                    return since;
                }
            } else {
                streak = 0;
            }
        }
        return -1;
    }

    /**
     * When instance {@code index} answered 200 again for good within the span: the first 200 after its last 503 (or
     * after its first answer, if it never answered 503); -1 if it did not.
     */
    long answeringAgain(int index, long from, long to) {
        List<Answer> span = answers.get(index).stream().filter(a -> a.at() >= from && a.at() <= to).toList();
        long again = -1;
        for (Answer answer : span) {
            if (answer.status() != 200) {
                again = -1;
            } else if (again < 0) {
                again = answer.at();
            }
        }
        return again;
    }

    /** The statuses instance {@code index} answered other than 200 and 503 after {@code from}, for failures. */
    List<Integer> unexpectedStatuses(int index, long from) {
        return answers.get(index).stream().filter(a -> a.at() >= from)
                .map(Answer::status).filter(s -> s != 200 && s != 503 && s != NO_ANSWER).distinct().toList();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        for (Thread probe : probes) {
            probe.join(10_000);
        }
    }
}
