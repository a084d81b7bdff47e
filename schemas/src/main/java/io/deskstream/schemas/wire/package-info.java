/**
 * The Confluent wire format and a small client of the Confluent Schema Registry REST API.
 *
 * <p>A record value on a deskstream topic is laid out exactly as Confluent's {@code KafkaAvroSerializer} writes it:
 * <pre>
 *   byte 0      magic byte, always 0
 *   bytes 1-4   the writer schema's registry id, a big-endian int
 *   bytes 5-    the Avro binary encoding of the record
 * </pre>
 * so any Confluent-compatible consumer decodes deskstream's topics, and deskstream decodes theirs. Confluent's own
 * serializer and client are not on Maven Central, which is why this package exists; it stays small: register and
 * look up schemas, check compatibility, cache, retry, and say clearly which registry failed.
 *
 * <p>Owns: the byte layout, the serdes and the HTTP client. Must not touch: topics, topologies, the registry's own
 * storage (that is the {@code schema-registry} module).
 */
package io.deskstream.schemas.wire;
