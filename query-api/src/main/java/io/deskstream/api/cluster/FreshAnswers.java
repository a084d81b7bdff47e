package io.deskstream.api.cluster;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.deskstream.api.metrics.ApiMetrics;

/**
 * Answers reused while the data they read has not changed, for less than a second. Live dashboards poll the same few
 * questions every few seconds, many of them at once; an answer computed once serves them all, and concurrent identical
 * questions wait for one computation instead of each scanning the stores. An answer is not reused once this
 * instance's processing has written changed report data since it was computed (so a change shows at the next
 * question, not up to a second later), nor after {@link #FRESHNESS} (for what other instances hold); failures are not
 * kept.
 */
public final class FreshAnswers {

    public static final Duration FRESHNESS = Duration.ofMillis(900);

    private final AsyncCache<String, Object> recent = Caffeine.newBuilder()
            .expireAfterWrite(FRESHNESS)
            .maximumSize(1_000)
            .buildAsync();
    private final ApiMetrics metrics;
    private final LongSupplier dataVersion;

    /** @param dataVersion counts the writes of changed report data by this instance's processing */
    public FreshAnswers(ApiMetrics metrics, LongSupplier dataVersion) {
        this.metrics = metrics;
        this.dataVersion = dataVersion;
    }

    /** @param key names the whole question: everything the answer depends on, the caller's departments included */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> compute) {
        // The first asker computes, in its own thread and outside the cache's locks; the others wait for its answer.
        CompletableFuture<Object> mine = new CompletableFuture<>();
        // Read before computing: an answer filed under a version saw at least that version's data.
        CompletableFuture<Object> answer = recent.get(key + '\u0000' + dataVersion.getAsLong(), (k, executor) -> mine);
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
