package io.deskstream.topology.state;

/**
 * How many live objects each task keeps (per partition of the input topics), chosen so that four partitions' worth
 * stays near 250 MiB of heap in all: a conversation is about 1–2 KiB of objects, a report cell about 1 KiB, a cell's
 * partition shares up to a few KiB. Beyond these, the least recently used are written back and read again on demand.
 */
public final class LiveStoreSizes {

    public static final int CONVERSATIONS = 20_000;
    public static final int RATINGS = 10_000;
    public static final int METRIC_CELLS = 10_000;
    public static final int REPORT_CELLS = 5_000;
    /** One counter per department and status: all of them. */
    public static final int TICKET_STATUS = 10_000;

    private LiveStoreSizes() {
    }
}
