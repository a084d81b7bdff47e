package io.deskstream.topology.serde;

import org.apache.avro.specific.SpecificRecord;

/**
 * An input event as decoded, with the bytes it came in, so that an event refused later (an unknown conversation, a
 * far-future ts) reaches the dead-letter topic exactly as it was sent.
 */
public record InputRecord(SpecificRecord value, byte[] bytes) {
}
