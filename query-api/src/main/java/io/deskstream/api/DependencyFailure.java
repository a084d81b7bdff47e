package io.deskstream.api;

import io.deskstream.schemas.wire.SchemaRegistryException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a failure of Kafka or of the schema registry, wherever it surfaces in a request (thrown by a serializer,
 * wrapped by a client, returned by a future), from a fault of deskstream's own: the first is the API's 503 (down,
 * slow: ask again) or 502 (it refused), naming the dependency; only the second is a 500.
 */
public final class DependencyFailure {

    /** Causes are followed this far: enough for any wrapping, and a cycle cannot loop. */
    private static final int MAX_DEPTH = 32;

    private DependencyFailure() {
    }

    /** The answer for {@code failure} when a dependency caused it, else null. */
    public static ApiError of(Throwable failure) {
        // A serializer's Kafka exception may wrap the registry's: the registry is then the one at fault.
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < MAX_DEPTH; cause = cause.getCause(), depth++) {
            if (cause instanceof SchemaRegistryException registry) {
                boolean refused = registry.httpStatus() >= 400 && registry.httpStatus() < 500;
                return refused ? ApiError.dependencyRefused(Dependency.SCHEMA_REGISTRY, registry.getMessage())
                        : ApiError.dependencyUnavailable(Dependency.SCHEMA_REGISTRY, registry.getMessage());
            }
        }
        depth = 0;
        for (Throwable cause = failure; cause != null && depth < MAX_DEPTH; cause = cause.getCause(), depth++) {
            if (cause instanceof RetriableException) {
                return ApiError.dependencyUnavailable(Dependency.KAFKA, message(cause));
            }
            if (cause instanceof ApiException) {
                // Not retriable: authentication, authorization, a record or request Kafka will not take.
                return ApiError.dependencyRefused(Dependency.KAFKA, message(cause));
            }
        }
        return null;
    }

    private static String message(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
