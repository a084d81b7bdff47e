package io.deskstream.topology;

/**
 * Headers of a record on the dead-letter topic. The value is the original bytes, unchanged, so that a fixed record
 * can be replayed; these headers say why it was refused and where it came from.
 */
public final class DeadLetterHeaders {

    /** The short reason it is counted by, e.g. {@code missing ticketId}. */
    public static final String REASON = "deskstream.reason";
    /** The full explanation, naming the field at fault. */
    public static final String ERROR = "deskstream.error";
    /** Where it came from when it was refused before Kafka: e.g. {@code file:events.jsonl:537} or {@code http}. */
    public static final String ORIGIN = "deskstream.origin";
    /** Topic, partition and offset when it was refused after Kafka, by a topology. */
    public static final String SOURCE_TOPIC = "deskstream.source.topic";
    public static final String SOURCE_PARTITION = "deskstream.source.partition";
    public static final String SOURCE_OFFSET = "deskstream.source.offset";
    /** For a record whose processing failed: the class of the exception, and its message (also in {@link #ERROR}). */
    public static final String EXCEPTION_CLASS = "deskstream.exception.class";
    public static final String EXCEPTION_MESSAGE = "deskstream.exception.message";

    private DeadLetterHeaders() {
    }
}
