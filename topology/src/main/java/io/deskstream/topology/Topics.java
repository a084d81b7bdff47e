package io.deskstream.topology;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Every topic deskstream reads or writes, named once. All names share a configurable prefix so that several
 * deployments (or a test and a demo) can live on one cluster.
 *
 * @param prefix prepended to every name, e.g. {@code "deskstream."}
 */
public record Topics(String prefix) {

    public static final String DEFAULT_PREFIX = "deskstream.";
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]*");

    public Topics {
        if (prefix == null || !LEGAL.matcher(prefix).matches() || prefix.length() > 100) {
            throw new IllegalArgumentException(
                    "topic prefix must be at most 100 characters of letters, digits, '.', '_' and '-', got: " + prefix);
        }
    }

    public static Topics withDefaultPrefix() {
        return new Topics(DEFAULT_PREFIX);
    }

    /** Ticket events, keyed by ticket id. */
    public String ticketEvents() {
        return prefix + "ticket-events";
    }

    /** Chat events, keyed by chat id. */
    public String chatEvents() {
        return prefix + "chat-events";
    }

    /** Call events, keyed by call id. */
    public String callEvents() {
        return prefix + "call-events";
    }

    /** Rating events, keyed by ticket id. */
    public String ratingEvents() {
        return prefix + "rating-events";
    }

    /** Departments, compacted, keyed by department id. */
    public String departments() {
        return prefix + "departments";
    }

    /** Routing rules, compacted, keyed by rule id. */
    public String routingRules() {
        return prefix + "routing-rules";
    }

    /** Agents' API tokens (hashes only), compacted, keyed by token id. */
    public String accessTokens() {
        return prefix + "access-tokens";
    }

    /** Every routing decision (creation and transfer), keyed by conversation id. */
    public String routedTickets() {
        return prefix + "routed-tickets";
    }

    /** The routing decisions whose target is one department, keyed by conversation id. */
    public String routedTicketsOf(String departmentId) {
        return prefix + "routed-tickets.department." + departmentId;
    }

    /** Input that could not be accepted: the original bytes, with the reason and origin in headers. */
    public String deadLetters() {
        return prefix + "dead-letters";
    }

    /** The changelog of hour report rows that the export sinks read. */
    public String reportRows() {
        return prefix + "report-rows";
    }

    /**
     * Each input partition's share of the report cells it changed, keyed by cell, on their way to the stage that adds
     * the shares up into report rows. An internal step, named as Kafka Streams names its own internal topics (after
     * the application id), its values in Avro's single-object encoding.
     */
    public String reportCellShares() {
        return applicationId() + "-report-cell-shares";
    }

    /** One application (consumer group, internal topics) per topic prefix, so deployments on a cluster stay apart. */
    public String applicationId() {
        String cleaned = prefix.replaceAll("[^a-zA-Z0-9._-]", "");
        return (cleaned.isEmpty() ? DEFAULT_PREFIX : cleaned) + "app";
    }

    /** The four topics of input events. */
    public List<String> inputEvents() {
        return List.of(ticketEvents(), chatEvents(), callEvents(), ratingEvents());
    }

    /** The compacted topics that hold configuration. */
    public List<String> configuration() {
        return List.of(departments(), routingRules(), accessTokens());
    }
}
