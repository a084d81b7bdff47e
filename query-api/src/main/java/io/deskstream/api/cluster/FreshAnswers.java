package io.deskstream.api.cluster;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.deskstream.api.metrics.ApiMetrics;

/**
 * Answers reused for less than a second. Live dashboards poll the same few questions every few seconds, many of them
 * at once; an answer computed once serves them all, and concurrent identical questions wait for one computation
 * instead of each scanning the stores. Nothing is served staler than {@link #FRESHNESS}; failures are not kept.
 */
public final class FreshAnswers {

    public static final Duration FRESHNESS = Duration.ofMillis(900);

    private final AsyncCache<String, Object> recent = Caffeine.newBuilder()
            .expireAfterWrite(FRESHNESS)
            .maximumSize(1_000)
            .buildAsync();
    private final ApiMetrics metrics;

    public FreshAnswers(ApiMetrics metrics) {
        this.metrics = metrics;
    }

    /** @param key names the whole question: everything the answer depends on, the caller's departments included */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> compute) {
        // The first asker computes, in its own thread and outside the cache's locks; the others wait for its answer.
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> answer = recent.get(key, (k, executor) -> mine);
        if (answer == mine) {
            metrics.answerComputed();
            try {
                mine.complete(compute.get());
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
            }
        }
        if (answer != mine) {
            metrics.answerReused();
        }
        try {
            return (T) answer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
