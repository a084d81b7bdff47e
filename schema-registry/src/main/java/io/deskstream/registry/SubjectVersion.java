package io.deskstream.registry;

import org.apache.avro.Schema;

/** One version of a subject: the schema registered under it, its global id and its version number. */
public record SubjectVersion(String subject, int version, int id, Schema schema) {
}
