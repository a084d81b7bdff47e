package io.deskstream.api;

import java.time.Duration;

/**
 * An answer other than success, as the API gives it: a status and a message for {@code {"error": ...}}, and the
 * {@link Dependency} at fault when it is one. Handlers throw it; nothing else of a failure (no stack trace) reaches
 * the client.
 */
public final class ApiError extends RuntimeException {

    /** How long a client waits before asking again when Kafka or the schema registry is down or slow. */
    public static final Duration DEPENDENCY_RETRY_AFTER = Duration.ofSeconds(5);

    private final int status;
    private final Duration retryAfter;
    private final Dependency dependency;

    private ApiError(int status, String message, Duration retryAfter) {
        this(status, message, retryAfter, null);
    }

    private ApiError(int status, String message, Duration retryAfter, Dependency dependency) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
        this.dependency = dependency;
    }

    /** An error another instance answered with, passed on as it is. */
    public static ApiError passedOn(int status, String message) {
        return new ApiError(status, message, status == 503 ? Duration.ofSeconds(1) : null);
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, message, null);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, message, null);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, message, null);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, message, null);
    }

    /** The route cannot answer in a form the request's {@code Accept} takes. */
    public static ApiError notAcceptable(String message) {
        return new ApiError(406, message, null);
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, message, null);
    }

    public static ApiError badGateway(String message) {
        return new ApiError(502, message, null);
    }

    /** The data asked for is not available right now (starting, or moving between instances): retry shortly. */
    public static ApiError unavailable(String message) {
        return new ApiError(503, message, Duration.ofSeconds(1));
    }

    /**
     * A part deskstream needs is down or too slow (503): the answer names it, and asking again later succeeds once it
     * is back.
     */
    public static ApiError dependencyUnavailable(Dependency dependency, String message) {
        return new ApiError(503, dependency.label() + " unavailable: " + message, DEPENDENCY_RETRY_AFTER, dependency);
    }

    /** A part deskstream needs answered, but refused what it was asked (502): its settings need a look. */
    public static ApiError dependencyRefused(Dependency dependency, String message) {
        return new ApiError(502, dependency.label() + " refused the request: " + message, null, dependency);
    }

    /** Not available right now, for longer than a moment: retry after {@code retryAfter}. */
    public static ApiError unavailable(String message, Duration retryAfter) {
        return new ApiError(503, message, retryAfter);
    }

    public int status() {
        return status;
    }

    /** When to ask again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The dependency at fault, or null when the error is not a dependency's. */
    public Dependency dependency() {
        return dependency;
    }
}
