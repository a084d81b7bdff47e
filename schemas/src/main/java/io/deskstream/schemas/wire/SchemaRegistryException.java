package io.deskstream.schemas.wire;

/**
 * The schema registry refused a request or could not be reached. The message names the registry URL; {@link
 * #errorCode()} is the registry's error code (e.g. 40401, 409), or -1 when it gave none; {@link #httpStatus()} the
 * HTTP status of the refusal, or -1 when nothing answered.
 */
public final class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int errorCode;
    private final int httpStatus;

    public SchemaRegistryException(String message, int errorCode, Throwable cause) {
        this(message, -1, errorCode, cause);
    }

    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.httpStatus = httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The registry wants credentials, or refused those sent (HTTP 401 or 403). */
    public boolean credentialsRefused() {
        return httpStatus == 401 || httpStatus == 403;
    }
}
