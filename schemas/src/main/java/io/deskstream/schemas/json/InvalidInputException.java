package io.deskstream.schemas.json;

/**
 * Input that does not follow the canonical JSON forms of events.md. {@link #reason()} is the short category that
 * dead letters are counted by (e.g. {@code missing ticketId}); the message says exactly what is wrong and names the
 * field.
 */
public final class InvalidInputException extends Exception {

    private static final long serialVersionUID = 1L;
    private final String reason;

    public InvalidInputException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The category counted in status and carried in the dead-letter header, e.g. {@code bad ts}. */
    public String reason() {
        return reason;
    }
}
