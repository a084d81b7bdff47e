package io.deskstream.api.cluster;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.deskstream.api.metrics.ApiMetrics;

/**
 * Answers reused while the data they read has not changed. Live dashboards poll the same few questions every few
 * seconds, many of them at once; an answer computed once serves them all, and concurrent identical questions wait for
 * one computation instead of each scanning the stores.
 *
 * <p>An answer is not reused once this instance's processing has written changed report data since it was computed:
 * a change shows at the next question. What other instances hold has no such signal here, so an answer older than
 * {@link #FRESHNESS} is computed again — in the background, while the askers keep getting the answer they had, so
 * that no asker waits for a computation only because time passed (a large report takes a good part of a second to
 * gather and write, and every client asking meanwhile would wait for it). An answer nobody asked for in
 * {@link #KEPT} is dropped; failures are not kept.
 */
public final class FreshAnswers {

    /** How old an answer may be before it is computed again. */
    public static final Duration FRESHNESS = Duration.ofMillis(900);
    /** How long an answer is kept, and handed out while its next computation runs, at most. */
    static final Duration KEPT = Duration.ofSeconds(5);

    /** One answer: when its computation began, and whether its next one is under way. */
    private record Answer(CompletableFuture<Object> value, long began, AtomicBoolean refreshing) {
        Answer(CompletableFuture<Object> value, long began) {
            this(value, began, new AtomicBoolean());
        }

        boolean due(long now) {
            return now - began >= FRESHNESS.toNanos() && value.isDone() && !value.isCompletedExceptionally();
        }
    }

    private final Cache<String, Answer> recent;
    private final ApiMetrics metrics;
    private final LongSupplier dataVersion;
    private final LongSupplier nanoTime;
    private final Executor refresher;

    /** @param dataVersion counts the writes of changed report data by this instance's processing */
    public FreshAnswers(ApiMetrics metrics, LongSupplier dataVersion) {
        this(metrics, dataVersion, System::nanoTime, Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "report-answers-refresh");
            thread.setDaemon(true);
            return thread;
        }));
    }

    FreshAnswers(ApiMetrics metrics, LongSupplier dataVersion, LongSupplier nanoTime, Executor refresher) {
        this.metrics = metrics;
        this.dataVersion = dataVersion;
        this.nanoTime = nanoTime;
        this.refresher = refresher;
        this.recent = Caffeine.newBuilder()
                .ticker(nanoTime::getAsLong)
                .expireAfterWrite(KEPT)
                .maximumSize(1_000)
                .executor(Runnable::run)
                .build();
    }

    /** @param key names the whole question: everything the answer depends on, the caller's departments included */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> compute) {
        // Read before computing: an answer filed under a version saw at least that version's data.
        String versioned = key + '\u0000' + dataVersion.getAsLong();
        long now = nanoTime.getAsLong();
        Answer mine = new Answer(new CompletableFuture<>(), now);
        Answer answer = recent.asMap().computeIfAbsent(versioned, k -> mine);
        if (answer == mine) {
            // The first asker computes, in its own thread and outside the cache's locks; the others wait for it.
            metrics.answerComputed();
            try {
                mine.value().complete(compute.get());
            } catch (RuntimeException e) {
                recent.asMap().remove(versioned, mine);
                mine.value().completeExceptionally(e);
            }
        } else {
            metrics.answerReused();
            if (answer.due(now) && answer.refreshing().compareAndSet(false, true)) {
                refresher.execute(() -> refresh(versioned, answer, compute));
            }
        }
        try {
            return (T) answer.value().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void refresh(String versioned, Answer old, Supplier<?> compute) {
        long began = nanoTime.getAsLong();
        try {
            Object value = compute.get();
            metrics.answerComputed();
            recent.asMap().replace(versioned, old, new Answer(CompletableFuture.completedFuture(value), began));
        } catch (RuntimeException e) {
            // The answer at hand stays until it is dropped; the next asker tries again.
            old.refreshing().set(false);
        }
    }
}
