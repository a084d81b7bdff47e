package io.deskstream.registry;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Confluent's compatibility levels, checked with Avro's own {@link SchemaCompatibility}. BACKWARD: the new schema
 * reads data written with the old; FORWARD: the old reads data written with the new; FULL: both; TRANSITIVE: against
 * every version, not only the latest.
 */
public enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    /** The reasons {@code candidate} is incompatible with {@code versions} (oldest first); empty when it is compatible. */
    public List<String> problems(Schema candidate, List<Schema> versions) {
        if (this == NONE || versions.isEmpty()) {
            return List.of();
        }
        List<Schema> against = name().endsWith("TRANSITIVE") ? versions : List.of(versions.get(versions.size() - 1));
        boolean backward = this != FORWARD && this != FORWARD_TRANSITIVE;
        boolean forward = this != BACKWARD && this != BACKWARD_TRANSITIVE;
        List<String> problems = new ArrayList<>();
        for (Schema existing : against) {
            if (backward) {
                describe(problems, "the new schema cannot read data written with an existing one",
                        SchemaCompatibility.checkReaderWriterCompatibility(candidate, existing).getResult());
            }
            if (forward) {
                describe(problems, "an existing schema cannot read data written with the new one",
                        SchemaCompatibility.checkReaderWriterCompatibility(existing, candidate).getResult());
            }
        }
        return problems;
    }

    private static void describe(List<String> problems, String what, SchemaCompatibilityResult result) {
        if (result.getCompatibility() == SchemaCompatibilityType.INCOMPATIBLE) {
            result.getIncompatibilities().forEach(i -> problems.add(what + ": " + i.getType() + " at "
                    + i.getLocation() + " (" + i.getMessage() + ")"));
        }
    }

    public static CompatibilityLevel parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RegistryError(422, 42203, "Invalid compatibility level: " + text
                    + "; levels are " + java.util.Arrays.toString(values()));
        }
    }
}
