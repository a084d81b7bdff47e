package io.deskstream.connectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The configuration of both report sinks, validated by their {@link ConfigDef} before a task starts. */
public final class ExportConfig extends AbstractConfig {

    public static final String DIRECTORY = "export.directory";
    public static final String FORMAT = "export.format";
    public static final String CLOSE_DELAY = "export.close.delay";
    public static final String ROTATE_ROWS = "export.rotate.rows";
    public static final String ROTATE_INTERVAL = "export.rotate.interval";
    public static final String COMPRESSION = "export.parquet.compression";
    public static final String RETENTION_DAYS = "export.retention.days";
    public static final String REVISION_DAYS_IN_MEMORY = "export.revision.days.in.memory";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** {@code USER:PASSWORD} for the registry, sent as HTTP Basic auth, as Confluent's connectors name it. */
    public static final String SCHEMA_REGISTRY_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String SCHEMA_REGISTRY_TRUSTED_CERTIFICATES = "schema.registry.ssl.trusted.certificates";

    /** The definition as a connector of {@code format} offers it: the format defaults to its own. */
    public static ConfigDef definition(RowFormat format) {
        return new ConfigDef()
            .define(DIRECTORY, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new WritableDirectory(),
                    ConfigDef.Importance.HIGH, "Where the files go: format=parquet/... and format=csv/... under it; "
                            + "created if missing, must be writable.")
            .define(FORMAT, ConfigDef.Type.STRING, format.extension(), ConfigDef.ValidString.in("parquet", "csv"),
                    ConfigDef.Importance.HIGH, "parquet or csv; each connector class sets its own.")
            .define(CLOSE_DELAY, ConfigDef.Type.STRING, "1h", new DurationText(), ConfigDef.Importance.MEDIUM,
                    "How long after its end an hour is written (by the records' event time or the clock), "
                            + "e.g. 1h, 15m, 0s; a later change writes a correction row.")
            .define(ROTATE_ROWS, ConfigDef.Type.INT, 100_000, ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW,
                    "Rows after which the buffered rows are written to files.")
            .define(ROTATE_INTERVAL, ConfigDef.Type.STRING, "1m", new DurationText(), ConfigDef.Importance.LOW,
                    "Time after which buffered rows are written to files even if fewer.")
            .define(COMPRESSION, ConfigDef.Type.STRING, "zstd",
                    ConfigDef.ValidString.in("zstd", "snappy", "gzip", "uncompressed"), ConfigDef.Importance.LOW,
                    "Parquet compression codec.")
            .define(RETENTION_DAYS, ConfigDef.Type.INT, 400, ConfigDef.Range.atLeast(1), ConfigDef.Importance.MEDIUM,
                    "How many days an hour can still change: deskstream's --retention-days, counted back from the "
                            + "newest hour in the records. The revisions of older days are forgotten and their rows, "
                            + "which only a replay from past the retention brings, are ignored.")
            .define(REVISION_DAYS_IN_MEMORY, ConfigDef.Type.INT, 8, ConfigDef.Range.atLeast(1),
                    ConfigDef.Importance.LOW, "How many days of written revisions each partition's export keeps in "
                            + "memory; the others are read from their journal files when a cell of theirs changes.")
            .define(SCHEMA_REGISTRY_URL, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.Importance.HIGH, "The schema registry the report-rows records were written with.")
            .define(SCHEMA_REGISTRY_USER_INFO, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.MEDIUM,
                    "USER:PASSWORD sent to the schema registry as HTTP Basic auth, when it asks for credentials to "
                            + "read schemas (a deskstream registry with --registry-auth all: any user name and the admin "
                            + "token); none by default.")
            .define(SCHEMA_REGISTRY_TRUSTED_CERTIFICATES, ConfigDef.Type.LIST, "", ConfigDef.Importance.MEDIUM,
                    "PEM files of further certificates an https schema registry is trusted with, besides the JVM's "
                    + "trust store.");
    }

    /** @param properties with {@code export.format} set (each connector sets its own) */
    public ExportConfig(Map<String, String> properties) {
        super(definition(RowFormat.PARQUET), properties);
        if (!properties.containsKey(FORMAT)) {
            throw new ConfigException(FORMAT, null, "the export format is needed: parquet or csv");
        }
    }

    /** A duration as people write it: 90s, 15m, 1h, 2d, or ISO-8601 (PT1H); IllegalArgumentException otherwise. */
    public static Duration parseDuration(String text) {
        return DurationText.parse(text);
    }

    public Path directory() {
        return Path.of(getString(DIRECTORY));
    }

    public RowFormat format() {
        return RowFormat.valueOf(getString(FORMAT).toUpperCase(Locale.ROOT));
    }

    public Duration closeDelay() {
        return DurationText.parse(getString(CLOSE_DELAY));
    }

    public int rotateRows() {
        return getInt(ROTATE_ROWS);
    }

    public Duration rotateInterval() {
        return DurationText.parse(getString(ROTATE_INTERVAL));
    }

    public String compression() {
        return getString(COMPRESSION);
    }

    public Duration retention() {
        return Duration.ofDays(getInt(RETENTION_DAYS));
    }

    public int revisionDaysInMemory() {
        return getInt(REVISION_DAYS_IN_MEMORY);
    }

    public String schemaRegistryUrl() {
        return getString(SCHEMA_REGISTRY_URL);
    }

    /** The registry's {@code USER:PASSWORD}, or null. */
    public String schemaRegistryUserInfo() {
        org.apache.kafka.common.config.types.Password userInfo = getPassword(SCHEMA_REGISTRY_USER_INFO);
        return userInfo == null || userInfo.value().isEmpty() ? null : userInfo.value();
    }

    /** PEM files of further certificates an https registry is trusted with, besides the JVM's trust store. */
    public List<Path> schemaRegistryTrustedCertificates() {
        return getList(SCHEMA_REGISTRY_TRUSTED_CERTIFICATES).stream().map(Path::of).toList();
    }

    /** A directory that exists or can be made, and can be written. */
    static final class WritableDirectory implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || value.toString().isBlank()) {
                throw new ConfigException(name, value, "a directory is needed");
            }
            try {
                Path dir = Path.of(value.toString());
                Files.createDirectories(dir);
                if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
                    throw new ConfigException(name, value, "is not a writable directory");
                }
            } catch (InvalidPathException | IOException e) {
                throw new ConfigException(name, value, "cannot be used as a directory: " + e.getMessage());
            }
        }
    }

    /** Durations as people write them: 90s, 15m, 1h, 2d, or ISO-8601 (PT1H). */
    static final class DurationText implements ConfigDef.Validator {
        static Duration parse(String text) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            try {
                if (t.startsWith("p")) {
                    return Duration.parse(t.toUpperCase(Locale.ROOT));
                }
                if (t.endsWith("ms")) {
                    return positiveOrZero(Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2))));
                }
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                Duration d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> throw new IllegalArgumentException();
                };
                return positiveOrZero(d);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration such as 250ms, 90s, 15m, 1h or 2d");
            }
        }

        private static Duration positiveOrZero(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException();
            }
            return d;
        }

        @Override
        public void ensureValid(String name, Object value) {
            try {
                parse(String.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }
    }
}
