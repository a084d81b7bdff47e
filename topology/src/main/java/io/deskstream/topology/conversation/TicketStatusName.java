package io.deskstream.topology.conversation;

import io.deskstream.schemas.state.TicketStatus;

/** The spec's name of a ticket status: Avro's Java enum names {@code new} as {@code new$}, a Java keyword. */
public final class TicketStatusName {

    private TicketStatusName() {
    }

    public static String of(TicketStatus status) {
        return TicketStatus.getClassSchema().getEnumSymbols().get(status.ordinal());
    }
}
