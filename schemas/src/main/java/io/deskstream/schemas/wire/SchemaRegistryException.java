package io.deskstream.schemas.wire;

/**
 * The schema registry refused a request or could not be reached. The message names the registry URL; {@link
 * #errorCode()} is the registry's error code (e.g. 40401, 409), or -1 when it gave none.
 */
public final class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int errorCode;

    public SchemaRegistryException(String message, int errorCode, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public int errorCode() {
        return errorCode;
    }
}
