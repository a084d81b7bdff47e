package io.deskstream.schemas.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Every schema that a version of deskstream has written its state with (state stores, their changelogs, internal
 * topics), kept in the jar under {@code state-schemas/} and listed in {@code state-schemas/index}, so that a newer
 * version reads what an older one wrote: a stored value names its writer schema by fingerprint, and the reader
 * resolves that schema to its own.
 *
 * <p>The rule for changing a state schema: add a field with a default (or remove one that had a default), and add the
 * new schema's file here, keeping the old ones. {@code StateSchemaHistoryTest} fails when a current schema is missing
 * from the history or an old one cannot be read by the current.
 */
public final class StateSchemaHistory {

    private static final String FOLDER = "state-schemas/";
    private static final StateSchemaHistory SHIPPED = load();

    private final Map<Long, Schema> byFingerprint;

    private StateSchemaHistory(Map<Long, Schema> byFingerprint) {
        this.byFingerprint = byFingerprint;
    }

    /** The history in this jar. */
    public static StateSchemaHistory shipped() {
        return SHIPPED;
    }

    /** A history of the given schemas only (tests of schema evolution). */
    public static StateSchemaHistory of(List<Schema> schemas) {
        Map<Long, Schema> known = new HashMap<>();
        schemas.forEach(schema -> known.put(fingerprint(schema), schema));
        return new StateSchemaHistory(known);
    }

    /** The writer schema of a fingerprint, or null when no version of deskstream known here wrote it. */
    public Schema schema(long fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    public List<Schema> all() {
        return List.copyOf(byFingerprint.values());
    }

    /** Avro's CRC-64-AVRO fingerprint of the schema's parsing canonical form, as single-object encoding uses. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static StateSchemaHistory load() {
        Map<Long, Schema> known = new HashMap<>();
        String index = read(FOLDER + "index");
        for (String file : index.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            Schema schema = new Schema.Parser().parse(read(FOLDER + file));
            known.put(fingerprint(schema), schema);
        }
        return new StateSchemaHistory(known);
    }

    private static String read(String resource) {
        try (InputStream in = StateSchemaHistory.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
