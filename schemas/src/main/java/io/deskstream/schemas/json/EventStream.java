package io.deskstream.schemas.json;

/** The four input streams of events.md; each has its own topic, keyed by the conversation id. */
public enum EventStream {
    TICKET,
    CHAT,
    CALL,
    RATING
}
