package io.deskstream.topology.routing;

import java.util.List;

import io.deskstream.schemas.common.Customer;

/**
 * What routing rules can see of a conversation's first event (events.md, Routing rules: Fields).
 *
 * @param departmentId the preset department, or null
 * @param customer     the customer, or null
 * @param tags         the conversation's own tags
 */
public record ConversationFacts(String channel, String subject, String departmentId, Customer customer,
                                List<String> tags) {

    public ConversationFacts {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
