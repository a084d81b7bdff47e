package io.deskstream.topology;

import io.deskstream.schemas.config.AccessToken;
import io.deskstream.schemas.config.Department;
import io.deskstream.schemas.config.RoutingRule;
import io.deskstream.schemas.events.CallEvent;
import io.deskstream.schemas.events.ChatEvent;
import io.deskstream.schemas.events.RatingEvent;
import io.deskstream.schemas.events.TicketEvent;
import io.deskstream.schemas.output.RoutedConversation;
import io.deskstream.schemas.state.ConversationState;
import io.deskstream.schemas.output.ReportRow;
import io.deskstream.schemas.state.CellPartials;
import io.deskstream.schemas.state.MetricCell;
import io.deskstream.schemas.state.PartialCell;
import io.deskstream.topology.metrics.ReportHours;
import io.deskstream.topology.metrics.ReportRowStage;
import io.deskstream.schemas.state.TicketRating;
import io.deskstream.schemas.wire.ConfluentAvroDeserializer;
import io.deskstream.schemas.wire.ConfluentAvroSerializer;
import io.deskstream.topology.configuration.ConfigurationUpdater;
import io.deskstream.topology.configuration.LiveDepartments;
import io.deskstream.topology.configuration.LiveRoutingRules;
import io.deskstream.topology.conversation.ConversationProcessor;
import io.deskstream.topology.deadletter.DeadLetterCounter;
import io.deskstream.topology.serde.AvroStateSerde;
import io.deskstream.topology.state.LiveStoreBuilder;
import io.deskstream.topology.state.LiveStoreSizes;
import io.deskstream.topology.serde.InputRecordDeserializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.Stores;

/**
 * deskstream's processing, as a function of its settings: departments and rules as global stores; ticket, chat, call
 * and rating events through the conversation processor, which routes, keeps each conversation's state and publishes
 * routing decisions and keeps every partition's share of the report cells; the shares of changed cells are added up
 * into report rows for the exports; refused records go to the dead-letter topic, which is counted by reason.
 */
public final class DeskstreamTopology {

    private DeskstreamTopology() {
    }

    public static Topology build(TopologySettings settings) {
        Topics topics = settings.topics();
        Topology topology = new Topology();
        LiveRoutingRules liveRules = new LiveRoutingRules();
        LiveDepartments liveDepartments = new LiveDepartments();
        ReportHours hours = new ReportHours(settings.reportZone());

        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.DEPARTMENTS),
                        Serdes.String(), new AvroStateSerde<>(Department.class)).withLoggingDisabled(),
                "departments-source", new StringDeserializer(), new ByteArrayDeserializer(),
                topics.departments(), "departments-updater",
                () -> new ConfigurationUpdater<Department>(StoreNames.DEPARTMENTS,
                        new ConfluentAvroDeserializer<>(settings.registry(), Department.class), liveDepartments::refresh));
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.ROUTING_RULES),
                        Serdes.String(), new AvroStateSerde<>(RoutingRule.class)).withLoggingDisabled(),
                "routing-rules-source", new StringDeserializer(), new ByteArrayDeserializer(),
                topics.routingRules(), "routing-rules-updater",
                () -> new ConfigurationUpdater<RoutingRule>(StoreNames.ROUTING_RULES,
                        new ConfluentAvroDeserializer<>(settings.registry(), RoutingRule.class), liveRules::refresh));

        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.ACCESS_TOKENS),
                        Serdes.String(), new AvroStateSerde<>(AccessToken.class)).withLoggingDisabled(),
                "access-tokens-source", new StringDeserializer(), new ByteArrayDeserializer(),
                topics.accessTokens(), "access-tokens-updater",
                () -> new ConfigurationUpdater<AccessToken>(StoreNames.ACCESS_TOKENS,
                        new ConfluentAvroDeserializer<>(settings.registry(), AccessToken.class), store -> { }));

        StringDeserializer keys = new StringDeserializer();
        topology.addSource("ticket-events", keys, new InputRecordDeserializer(settings.registry(), TicketEvent.class),
                topics.ticketEvents());
        topology.addSource("chat-events", keys, new InputRecordDeserializer(settings.registry(), ChatEvent.class),
                topics.chatEvents());
        topology.addSource("call-events", keys, new InputRecordDeserializer(settings.registry(), CallEvent.class),
                topics.callEvents());
        topology.addSource("rating-events", keys, new InputRecordDeserializer(settings.registry(), RatingEvent.class),
                topics.ratingEvents());
        topology.addProcessor("conversations",
                () -> new ConversationProcessor(liveRules, liveDepartments, settings.maxFuture(), settings.retention(),
                        hours, settings.observer()),
                "ticket-events", "chat-events", "call-events", "rating-events");
        // The processor works on live objects (LiveStore), written back to these logged stores at each commit; the
        // stores are what interactive queries read and what a restart restores. They must stay uncached: a record
        // cache of theirs would be flushed before the live store writes into it, and miss the commit.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CONVERSATIONS),
                Serdes.String(), new AvroStateSerde<>(ConversationState.class)).withCachingDisabled(), "conversations");
        topology.addStateStore(new LiveStoreBuilder<ConversationState>(StoreNames.LIVE_CONVERSATIONS,
                LiveStoreSizes.CONVERSATIONS), "conversations");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.RATINGS),
                Serdes.String(), new AvroStateSerde<>(TicketRating.class)).withCachingDisabled(), "conversations");
        topology.addStateStore(new LiveStoreBuilder<TicketRating>(StoreNames.LIVE_RATINGS, LiveStoreSizes.RATINGS),
                "conversations");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.METRIC_CELLS),
                Serdes.String(), new AvroStateSerde<>(MetricCell.class)).withCachingDisabled(), "conversations");
        topology.addStateStore(new LiveStoreBuilder<MetricCell>(StoreNames.LIVE_METRIC_CELLS,
                LiveStoreSizes.METRIC_CELLS), "conversations");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.TICKET_STATUS),
                Serdes.String(), Serdes.Long()).withCachingDisabled(), "conversations");
        topology.addStateStore(new LiveStoreBuilder<Long>(StoreNames.LIVE_TICKET_STATUS, LiveStoreSizes.TICKET_STATUS),
                "conversations");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.EVENT_IDS),
                Serdes.String(), Serdes.ByteArray()), "conversations");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.EXPIRY_INDEX),
                Serdes.String(), Serdes.ByteArray()), "conversations");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.CHANGED_HOURS),
                Serdes.String(), Serdes.Long()).withCachingDisabled(), "conversations");

        AvroStateSerde<PartialCell> partialCells = new AvroStateSerde<>(PartialCell.class);
        topology.addSink(ConversationProcessor.CELL_SHARES, topics.reportCellShares(), new StringSerializer(),
                partialCells.serializer(), "conversations");
        topology.addSource("report-cell-shares-source", new StringDeserializer(), partialCells.deserializer(),
                topics.reportCellShares());
        topology.addProcessor("report-rows", () -> new ReportRowStage(settings.retention()), "report-cell-shares-source");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.REPORT_CELLS),
                Serdes.String(), new AvroStateSerde<>(CellPartials.class)).withCachingDisabled(), "report-rows");
        topology.addStateStore(new LiveStoreBuilder<CellPartials>(StoreNames.LIVE_REPORT_CELLS,
                LiveStoreSizes.REPORT_CELLS), "report-rows");
        topology.addSink("report-rows-sink", topics.reportRows(), new StringSerializer(),
                new ConfluentAvroSerializer<ReportRow>(settings.registry()), "report-rows");

        ConfluentAvroSerializer<RoutedConversation> routed = new ConfluentAvroSerializer<>(settings.registry());
        topology.addSink(ConversationProcessor.ROUTED, topics.routedTickets(), new StringSerializer(), routed,
                "conversations");
        TopicNameExtractor<String, RoutedConversation> departmentTopic =
                (key, value, context) -> topics.routedTicketsOf(value.getDepartment());
        topology.addSink(ConversationProcessor.ROUTED_TO_DEPARTMENT, departmentTopic, new StringSerializer(), routed,
                "conversations");
        topology.addSink(ConversationProcessor.DEAD_LETTER, topics.deadLetters(), new StringSerializer(),
                new ByteArraySerializer(), "conversations");

        topology.addSource("dead-letters-source", new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                topics.deadLetters());
        topology.addProcessor("dead-letter-counter", () -> new DeadLetterCounter(settings.observer()),
                "dead-letters-source");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.DEAD_LETTER_COUNTS),
                Serdes.String(), Serdes.Long()).withCachingEnabled(), "dead-letter-counter");
        return topology;
    }
}
