package io.deskstream.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The registry's state: subjects, their versions, global ids and compatibility levels. It is rebuilt from the
 * {@code _schemas} topic and changed only by what is read back from it, so what this process serves is exactly what
 * the topic holds; a write returns once it has been read back (read your writes).
 */
public final class SchemaStore {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final SchemasTopic topic;
    private final Object writes = new Object();
    private final Map<String, TreeMap<Integer, SubjectVersion>> subjects = new TreeMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private long appliedUpTo = -1;

    SchemaStore(SchemasTopic topic) {
        this.topic = topic;
    }

    /** Applies one record of the topic; called by the topic's reader thread, in offset order. */
    synchronized void apply(ConsumerRecord<byte[], byte[]> record) {
        JsonNode key = SchemaRecords.read(record.key());
        JsonNode value = SchemaRecords.read(record.value());
        if (key != null && value != null) {
            switch (key.path("keytype").asText()) {
                case "SCHEMA" -> applySchema(value);
                case "CONFIG" -> applyConfig(key, value);
                default -> { }
            }
        }
        appliedUpTo = record.offset();
        notifyAll();
    }

    /** Marks everything before {@code offset} as read, e.g. the end of the topic at start when it is empty. */
    synchronized void readUpTo(long offset) {
        appliedUpTo = Math.max(appliedUpTo, offset - 1);
        notifyAll();
    }

    private void applySchema(JsonNode value) {
        if (value.path("deleted").asBoolean(false)) {
            return;
        }
        Schema schema = new Schema.Parser().parse(value.path("schema").asText());
        int id = value.path("id").asInt();
        String subject = value.path("subject").asText();
        int version = value.path("version").asInt();
        schemasById.put(id, schema);
        idsBySchemaText.put(schema.toString(), id);
        subjects.computeIfAbsent(subject, s -> new TreeMap<>()).put(version, new SubjectVersion(subject, version, id, schema));
    }

    private void applyConfig(JsonNode key, JsonNode value) {
        CompatibilityLevel level = CompatibilityLevel.parse(value.path("compatibilityLevel").asText());
        if (key.path("subject").isNull() || key.path("subject").isMissingNode()) {
            globalLevel = level;
        } else {
            subjectLevels.put(key.path("subject").asText(), level);
        }
    }

    /**
     * Registers a schema under a subject: the existing version when the subject has it, else a new version after the
     * compatibility check, reusing the schema's global id when another subject has it.
     */
    public SubjectVersion register(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        synchronized (writes) {
            registerOne(subject, schema);
        }
        return lookup(subject, schema).orElseThrow(() -> new RegistryError(500, 50001, "the schema was written but not read back"));
    }

    /**
     * Decides and writes one registration. Holding {@link #writes} keeps the next writer out until this one has been
     * read back: waiting for the read-back releases the store's monitor, and a second writer deciding an id then
     * would give out the same id twice.
     */
    private void registerOne(String subject, Schema schema) {
        synchronized (this) {
            Optional<SubjectVersion> existing = lookup(subject, schema);
            if (existing.isPresent()) {
                return;
            }
            List<String> problems = level(subject).problems(schema, versionsOf(subject));
            if (!problems.isEmpty()) {
                throw new RegistryError(409, 409, "Schema being registered is incompatible with an earlier schema "
                        + "for subject '" + subject + "' (" + level(subject) + "): " + String.join("; ", problems));
            }
            Integer id = idsBySchemaText.get(schema.toString());
            int newId = id != null ? id : schemasById.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            TreeMap<Integer, SubjectVersion> versions = subjects.get(subject);
            int version = versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
            awaitApplied(write(SchemaRecords.schemaKey(subject, version),
                    SchemaRecords.schemaValue(subject, version, newId, schema.toString())));
        }
    }

    public synchronized Optional<SubjectVersion> lookup(String subject, Schema schema) {
        TreeMap<Integer, SubjectVersion> versions = subjects.get(subject);
        if (versions == null) {
            return Optional.empty();
        }
        String text = schema.toString();
        return versions.values().stream().filter(v -> v.schema().toString().equals(text)).findFirst();
    }

    public synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    public synchronized List<Integer> versions(String subject) {
        TreeMap<Integer, SubjectVersion> versions = subjects.get(subject);
        if (versions == null) {
            throw RegistryError.subjectNotFound(subject);
        }
        return List.copyOf(versions.keySet());
    }

    /** A version by number or {@code latest}. */
    public synchronized SubjectVersion version(String subject, String version) {
        TreeMap<Integer, SubjectVersion> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        if (version.equals("latest") || version.equals("-1")) {
            return versions.lastEntry().getValue();
        }
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw RegistryError.invalidVersion(version);
        }
        if (number < 1) {
            throw RegistryError.invalidVersion(version);
        }
        SubjectVersion found = versions.get(number);
        if (found == null) {
            throw RegistryError.versionNotFound(subject, version);
        }
        return found;
    }

    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw RegistryError.schemaNotFound("with id " + id);
        }
        return schema;
    }

    /** Reasons the schema could not be registered under the subject now; empty when it could. */
    public synchronized List<String> compatibilityProblems(String subject, String version, String schemaText) {
        Schema schema = parse(schemaText);
        if (!subjects.containsKey(subject)) {
            return List.of();
        }
        CompatibilityLevel level = level(subject);
        if (version.equals("latest") || level.name().endsWith("TRANSITIVE")) {
            return level.problems(schema, versionsOf(subject));
        }
        return level.problems(schema, List.of(version(subject, version).schema()));
    }

    public synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    /** The subject's own level, if it has one. */
    public synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    /** @param subject null for the global level */
    public CompatibilityLevel setLevel(String subject, CompatibilityLevel level) {
        synchronized (writes) {
            synchronized (this) {
                awaitApplied(write(SchemaRecords.configKey(subject), SchemaRecords.configValue(level)));
            }
        }
        return level;
    }

    private CompatibilityLevel level(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private List<Schema> versionsOf(String subject) {
        TreeMap<Integer, SubjectVersion> versions = subjects.get(subject);
        List<Schema> schemas = new ArrayList<>();
        if (versions != null) {
            versions.values().forEach(v -> schemas.add(v.schema()));
        }
        return schemas;
    }

    private static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryError.invalidSchema("the request has no schema");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (SchemaParseException e) {
            throw RegistryError.invalidSchema(e.getMessage());
        }
    }

    private long write(byte[] key, byte[] value) {
        try {
            return topic.append(key, value).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (ExecutionException | TimeoutException e) {
            throw new RegistryError(500, 50001, "the schemas topic did not take the write: "
                    + (e.getCause() == null ? e : e.getCause()).getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryError(500, 50001, "interrupted while writing to the schemas topic");
        }
    }

    /** Waits (holding the monitor, which {@link #apply} takes through wait) until the reader has applied an offset. */
    private void awaitApplied(long offset) {
        long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
        while (appliedUpTo < offset) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new RegistryError(500, 50001, "the schemas topic was written but not read back in time");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryError(500, 50001, "interrupted while reading back the schemas topic");
            }
        }
    }

    /** Waits until every record that was in the topic at start has been applied. */
    void awaitCaughtUp(long endOffset) {
        synchronized (this) {
            awaitApplied(endOffset - 1);
        }
    }
}
