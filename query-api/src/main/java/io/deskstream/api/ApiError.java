package io.deskstream.api;

import java.time.Duration;

/**
 * An answer other than success, as the API gives it: a status and a message for {@code {"error": ...}}. Handlers
 * throw it; nothing else of a failure (no stack trace) reaches the client.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final Duration retryAfter;

    private ApiError(int status, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
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
}
