package io.deskstream.topology;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.schemas.config.Department;
import io.deskstream.schemas.config.RoutingRule;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.schemas.json.DepartmentJson;
import io.deskstream.schemas.json.InputEvent;
import io.deskstream.schemas.json.InvalidInputException;
import io.deskstream.schemas.json.RoutingRuleJson;
import io.deskstream.schemas.output.RoutedConversation;
import io.deskstream.schemas.state.ConversationState;
import io.deskstream.schemas.wire.ConfluentAvroDeserializer;
import io.deskstream.schemas.wire.ConfluentAvroSerializer;
import io.deskstream.schemas.wire.InMemorySchemaRegistry;
import io.deskstream.topology.deadletter.PoisonRecordHandler;
import io.deskstream.topology.deadletter.UndecodableRecordHandler;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The topology on TopologyTestDriver, fed with events written as the canonical JSON of events.md. Events are mapped
 * by the product's own parser, as ingest does, so a test reads like the spec.
 */
public final class TopologyFixture implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Topics TOPICS = new Topics("test.");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final TopologyTestDriver driver;
    private final CanonicalEventParser parser;
    private final ConfluentAvroSerializer<SpecificRecord> values = new ConfluentAvroSerializer<>(registry);
    private final TestOutputTopic<String, byte[]> routed;
    private final TestOutputTopic<String, byte[]> deadLetters;
    private final java.nio.file.Path stateDir;

    public TopologyFixture(Instant wallClock) {
        this(wallClock, Duration.ofDays(365_000));
    }

    /** @param parserMaxFuture how far ahead the parser lets a ts be, as ingest does with 24 hours */
    public TopologyFixture(Instant wallClock, Duration parserMaxFuture) {
        this(wallClock, parserMaxFuture, ZoneOffset.UTC);
    }

    /** @param reportZone the deployment's report time zone, whose hours are the report's cells */
    public TopologyFixture(Instant wallClock, Duration parserMaxFuture, java.time.ZoneId reportZone) {
        this(wallClock, parserMaxFuture, reportZone, TopologySettings.DEFAULT_RETENTION, ProcessingObserver.NONE);
    }

    /** A topology that forgets what is older than {@code retention}, by event time. */
    public static TopologyFixture withRetention(Instant wallClock, Duration retention) {
        return new TopologyFixture(wallClock, Duration.ofDays(365_000), ZoneOffset.UTC, retention,
                ProcessingObserver.NONE);
    }

    /** A topology that tells {@code observer} what it does. */
    public static TopologyFixture observedBy(Instant wallClock, ProcessingObserver observer) {
        return new TopologyFixture(wallClock, Duration.ofDays(365_000), ZoneOffset.UTC,
                TopologySettings.DEFAULT_RETENTION, observer);
    }

    private TopologyFixture(Instant wallClock, Duration parserMaxFuture, java.time.ZoneId reportZone,
                            Duration retention, ProcessingObserver observer) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "deskstream-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            stateDir = java.nio.file.Files.createTempDirectory("deskstream-topology-test");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, UndecodableRecordHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, PoisonRecordHandler.class);
        props.put(UndecodableRecordHandler.DEAD_LETTER_TOPIC_CONFIG, TOPICS.deadLetters());
        driver = new TopologyTestDriver(DeskstreamTopology.build(
                new TopologySettings(TOPICS, registry).withReportZone(reportZone).withRetention(retention)
                        .withObserver(observer)), props, wallClock);
        // By default the topology's own far-future check is under test, so the parser lets any ts through.
        parser = new CanonicalEventParser(Clock.fixed(wallClock, ZoneOffset.UTC), parserMaxFuture);
        routed = driver.createOutputTopic(TOPICS.routedTickets(), new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Writes a department straight to its topic, unchecked, as a producer other than deskstream might. */
    public void departmentUnchecked(Department department) {
        pipe(TOPICS.departments(), department.getId(), department, Instant.EPOCH);
    }

    public void department(String json) throws Exception {
        Department d = DepartmentJson.parse((ObjectNode) JSON.readTree(json));
        pipe(TOPICS.departments(), d.getId(), d, Instant.EPOCH);
    }

    public void rule(String json) throws Exception {
        RoutingRule r = RoutingRuleJson.parse((ObjectNode) JSON.readTree(json));
        pipe(TOPICS.routingRules(), r.getId(), r, Instant.EPOCH);
    }

    public void deleteRule(String id) {
        driver.createInputTopic(TOPICS.routingRules(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(id, null);
    }

    /** Writes a token record to the access-tokens topic, as the token routes do. */
    public void accessToken(io.deskstream.schemas.config.AccessToken token) {
        pipe(TOPICS.accessTokens(), token.getId(), token, Instant.EPOCH);
    }

    /** The access-tokens global store's record of this id, or null. */
    public io.deskstream.schemas.config.AccessToken accessToken(String id) {
        KeyValueStore<String, io.deskstream.schemas.config.AccessToken> store =
                driver.getKeyValueStore(StoreNames.ACCESS_TOKENS);
        return store.get(id);
    }

    /** The departments global store's record of this id, or null. */
    public Department departmentRecord(String id) {
        KeyValueStore<String, Department> store = driver.getKeyValueStore(StoreNames.DEPARTMENTS);
        return store.get(id);
    }

    public CanonicalEventParser parser() {
        return parser;
    }

    /** Sends one parsed event. */
    public void event(InputEvent event) {
        pipe(topicOf(event), event.key(), event.value(), event.ts());
    }

    /** Sends events, one canonical JSON object each. */
    public void events(String... jsonLines) throws InvalidInputException {
        for (String line : jsonLines) {
            InputEvent event = parser.parse(line);
            pipe(topicOf(event), event.key(), event.value(), event.ts());
        }
    }

    /** Sends events written as JSON Lines (a text block), one canonical JSON object per line. */
    public void eventLines(String jsonLines) throws InvalidInputException {
        events(jsonLines.lines().filter(line -> !line.isBlank()).toArray(String[]::new));
    }

    /** An event as ingest writes it to its topic: Avro in the Confluent wire format, with this fixture's registry. */
    public byte[] encoded(InputEvent event) {
        return values.serialize(topicOf(event), event.value());
    }

    /** The topic an event goes to. */
    public static String topicOf(InputEvent event) {
        return switch (event.stream()) {
            case TICKET -> TOPICS.ticketEvents();
            case CHAT -> TOPICS.chatEvents();
            case CALL -> TOPICS.callEvents();
            case RATING -> TOPICS.ratingEvents();
        };
    }

    /** Sends bytes as they are to a topic, as a broken producer might. */
    public void rawBytes(String topic, String key, byte[] value) {
        driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer()).pipeInput(key, value);
    }

    /** What ingest does with a line it refuses: the line to the dead-letter topic, with its reason. */
    public void refusedAtIngest(String line, String reason) {
        TestInputTopic<String, byte[]> topic =
                driver.createInputTopic(TOPICS.deadLetters(), new StringSerializer(), new ByteArraySerializer());
        TestRecord<String, byte[]> record = new TestRecord<>(null, line.getBytes(StandardCharsets.UTF_8));
        record.headers().add(DeadLetterHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
        topic.pipeInput(record);
    }

    public ConversationState conversation(String stateKey) {
        KeyValueStore<String, ConversationState> store = driver.getKeyValueStore(StoreNames.CONVERSATIONS);
        return store.get(stateKey);
    }

    public List<RoutedConversation> routed() {
        ConfluentAvroDeserializer<RoutedConversation> d = new ConfluentAvroDeserializer<>(registry, RoutedConversation.class);
        List<RoutedConversation> out = new ArrayList<>();
        routed.readValuesToList().forEach(v -> out.add(d.deserialize(TOPICS.routedTickets(), v)));
        return out;
    }

    public List<RoutedConversation> routedToDepartment(String departmentId) {
        String topic = TOPICS.routedTicketsOf(departmentId);
        ConfluentAvroDeserializer<RoutedConversation> d = new ConfluentAvroDeserializer<>(registry, RoutedConversation.class);
        List<RoutedConversation> out = new ArrayList<>();
        driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer())
                .readValuesToList().forEach(v -> out.add(d.deserialize(topic, v)));
        return out;
    }

    public List<TestRecord<String, byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    public Map<String, Long> deadLetterCounts() {
        KeyValueStore<String, Long> store = driver.getKeyValueStore(StoreNames.DEAD_LETTER_COUNTS);
        Map<String, Long> counts = new TreeMap<>();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> counts.put(kv.key, kv.value));
        }
        return counts;
    }

    public List<Map<String, Object>> report(io.deskstream.topology.report.ReportQuery query) {
        return io.deskstream.topology.report.DepartmentReport.rows(query,
                driver.<String, io.deskstream.schemas.state.MetricCell>getKeyValueStore(StoreNames.METRIC_CELLS));
    }

    /** How many keys a store of the topology holds now. */
    public long entries(String storeName) {
        KeyValueStore<String, Object> store = driver.getKeyValueStore(storeName);
        long n = 0;
        try (var all = store.all()) {
            while (all.hasNext()) {
                all.next();
                n++;
            }
        }
        return n;
    }

    /** Every record on the report-rows topic since the last call, keys with their values (null for a tombstone). */
    public List<org.apache.kafka.streams.KeyValue<String, byte[]>> reportRowRecords() {
        return driver.createOutputTopic(TOPICS.reportRows(), new StringDeserializer(), new ByteArrayDeserializer())
                .readKeyValuesToList();
    }

    public List<Map<String, Object>> ticketStatus() {
        return io.deskstream.topology.report.TicketStatusReport.rows(
                driver.<String, Long>getKeyValueStore(StoreNames.TICKET_STATUS), java.util.Set.of());
    }

    public void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    /** The report-rows changelog, the newest record of each cell, as report rows of the hour by everything. */
    public List<Map<String, Object>> reportRowsChangelog() {
        String topic = TOPICS.reportRows();
        ConfluentAvroDeserializer<io.deskstream.schemas.output.ReportRow> d =
                new ConfluentAvroDeserializer<>(registry, io.deskstream.schemas.output.ReportRow.class);
        Map<String, Map<String, Object>> newest = new java.util.LinkedHashMap<>();
        driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer()).readKeyValuesToList()
                .forEach(kv -> {
                    io.deskstream.schemas.output.ReportRow row = d.deserialize(topic, kv.value);
                    Map<String, Object> map = new java.util.LinkedHashMap<>();
                    map.put("bucket", row.getBucket().toString());
                    for (org.apache.avro.Schema.Field f : row.getSchema().getFields()) {
                        if (!f.name().equals("bucket")) {
                            map.put(f.name(), row.get(f.pos()));
                        }
                    }
                    newest.put(kv.key, map);
                });
        return new ArrayList<>(newest.values());
    }

    public static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private void pipe(String topic, String key, SpecificRecord value, Instant ts) {
        driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer())
                .pipeInput(key, values.serialize(topic, value), ts);
    }

    @Override
    public void close() {
        driver.close();
        try (var files = java.nio.file.Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
