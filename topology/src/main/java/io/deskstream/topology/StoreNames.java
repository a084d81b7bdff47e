package io.deskstream.topology;

/** Every state store of the topology, named once; the query side reads them by these names. */
public final class StoreNames {

    /** Conversation states, keyed by {@code kind:id} (e.g. {@code ticket:t-1}). */
    public static final String CONVERSATIONS = "conversations";
    /** Each ticket's rating now, keyed by ticket id; may hold a rating before its ticket exists. */
    public static final String RATINGS = "ratings";
    /** Departments by id, a global store read from the departments topic on every instance. */
    public static final String DEPARTMENTS = "departments";
    /** Routing rules by id, a global store read from the rules topic on every instance. */
    public static final String ROUTING_RULES = "routing-rules";
    /** Agents' API tokens by token id, a global store read from the access-tokens topic on every instance. */
    public static final String ACCESS_TOKENS = "access-tokens";
    /** Report cells by hour, department, channel and agent: this partition's share of every column. */
    public static final String METRIC_CELLS = "metric-cells";
    /** Hours with cells changed since their shares were last sent to the report-rows stage. */
    public static final String CHANGED_HOURS = "changed-hours";
    /** Every partition's share of each report cell, where the shares are added up into report rows. */
    public static final String REPORT_CELLS = "report-cells";
    /** Tickets counted by department and status now. */
    public static final String TICKET_STATUS = "ticket-status";
    /** The live objects of conversations, ratings and cells, written back to the stores above at each commit. */
    public static final String LIVE_CONVERSATIONS = "conversations-live";
    public static final String LIVE_RATINGS = "ratings-live";
    public static final String LIVE_METRIC_CELLS = "metric-cells-live";
    public static final String LIVE_REPORT_CELLS = "report-cells-live";
    public static final String LIVE_TICKET_STATUS = "ticket-status-live";
    /** Event ids pushed out of a conversation's (or a ticket's ratings') ring of recent ids, keyed scope + hash. */
    public static final String EVENT_IDS = "event-ids";
    /** Conversations and ratings by the day of their latest event, so that expiry reads only what is old. */
    public static final String EXPIRY_INDEX = "expiry-index";
    /** Dead letters counted by reason. */
    public static final String DEAD_LETTER_COUNTS = "dead-letter-counts";

    private StoreNames() {
    }
}
