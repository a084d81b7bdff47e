package io.deskstream.api.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.deskstream.api.ApiError;
import io.deskstream.api.auth.AccessTokens;
import io.deskstream.api.report.ReportAnswers;
import io.javalin.http.sse.SseClient;

/**
 * The report streams open on this instance: at most {@link ReportStreamSettings#maxStreams()} of them, one
 * {@link QuestionPublisher} per distinct question, each question answered again every evaluation interval, and a
 * heartbeat on every stream. Every evaluation also closes the streams of tokens revoked since.
 */
public final class ReportStreams implements AutoCloseable {

    /** How long a client turned away for too many open streams waits: streams stay open for long. */
    static final Duration RETRY_AFTER_FULL = Duration.ofSeconds(10);

    private final ReportAnswers answers;
    private final AccessTokens tokens;
    private final ReportStreamSettings settings;
    private final Clock clock;
    private final Map<String, QuestionPublisher> publishers = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong lastId = new AtomicLong();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(named("report-stream-tick"));
    private final ExecutorService evaluators = Executors.newFixedThreadPool(2, named("report-stream-evaluation"));
    private final ExecutorService senders = Executors.newCachedThreadPool(named("report-stream-sender"));
    private volatile boolean closed;

    public ReportStreams(ReportAnswers answers, AccessTokens tokens, ReportStreamSettings settings, Clock clock) {
        this.answers = answers;
        this.tokens = tokens;
        this.settings = settings;
        this.clock = clock;
        long evaluation = settings.evaluation().toMillis();
        ticks.scheduleWithFixedDelay(this::evaluate, evaluation, evaluation, TimeUnit.MILLISECONDS);
        long heartbeat = settings.heartbeat().toMillis();
        ticks.scheduleAtFixedRate(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }

    /** A place for one more stream, or 503 with Retry-After when this instance has as many as it serves. */
    Slot reserve() {
        if (closed) {
            throw ApiError.unavailable("deskstream is stopping");
        }
        if (open.incrementAndGet() > settings.maxStreams()) {
            open.decrementAndGet();
            throw ApiError.unavailable("this instance has " + settings.maxStreams() + " report streams open, the most"
                    + " it serves (--max-report-streams); retry later, or ask GET /api/v1/reports/departments",
                    RETRY_AFTER_FULL);
        }
        return new Slot();
    }

    /** A place taken by {@link #reserve()}, given back once. */
    final class Slot {
        private final AtomicBoolean given = new AtomicBoolean();

        void release() {
            if (given.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        }
    }

    /**
     * Opens a stream of {@code question}: its current answer at once (answered now if nobody streams it yet), then
     * each new one. Fails, before anything is sent, as the report route would.
     *
     * @param start       turns the request into a stream and hands over its client; called once the answer is known
     * @param lastEventId the client's {@code Last-Event-ID}, or null
     */
    void open(QuestionPublisher.StreamedQuestion question, String authorization, String lastEventId, Slot slot,
              Consumer<Consumer<SseClient>> start) {
        QuestionPublisher publisher = publishers.computeIfAbsent(question.name(),
                name -> new QuestionPublisher(question, answers, this::nextId));
        while (!publisher.join()) {
            // Let go by the evaluation a moment ago: a new publisher takes the question.
            publishers.remove(question.name(), publisher);
            publisher = publishers.computeIfAbsent(question.name(),
                    name -> new QuestionPublisher(question, answers, this::nextId));
        }
        StreamedAnswer answered;
        try {
            answered = publisher.current(authorization);
        } catch (RuntimeException e) {
            publisher.abandon();
            throw e;
        }
        QuestionPublisher joined = publisher;
        try {
            start.accept(client -> {
                client.keepAlive();
                StreamSubscriber subscriber = new StreamSubscriber(client, question.asker(), authorization, senders);
                subscriber.whenClosed(() -> {
                    joined.leave(subscriber);
                    slot.release();
                });
                joined.attach(subscriber, answered, lastEventId);
            });
        } catch (RuntimeException e) {
            joined.abandon();
            throw e;
        }
    }

    /** Open streams on this instance now. */
    public int openStreams() {
        return open.get();
    }

    private long nextId() {
        // Larger than every id before, also those of a publisher let go or of this instance before a restart.
        return lastId.updateAndGet(last -> Math.max(last + 1, clock.millis()));
    }

    private void evaluate() {
        for (Map.Entry<String, QuestionPublisher> entry : publishers.entrySet()) {
            QuestionPublisher publisher = entry.getValue();
            if (publisher.retireIfIdle()) {
                publishers.remove(entry.getKey(), publisher);
                continue;
            }
            publisher.closeRevoked(tokens);
            evaluators.execute(publisher::evaluate);
        }
    }

    private void heartbeat() {
        publishers.values().forEach(QuestionPublisher::heartbeat);
    }

    @Override
    public void close() {
        closed = true;
        ticks.shutdownNow();
        evaluators.shutdownNow();
        publishers.values().forEach(publisher -> publisher.closeAll("deskstream is stopping; open the stream again"));
        senders.shutdown();
        try {
            senders.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senders.shutdownNow();
    }

    private static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
