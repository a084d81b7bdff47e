package io.deskstream.topology.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.deskstream.schemas.config.Department;
import io.deskstream.schemas.config.RoutingRule;
import io.deskstream.schemas.events.RatingEvent;
import io.deskstream.schemas.output.RoutedConversation;
import io.deskstream.schemas.output.RoutingDecision;
import io.deskstream.schemas.state.ConversationState;
import io.deskstream.schemas.state.MetricCell;
import io.deskstream.schemas.state.SeenEvents;
import io.deskstream.schemas.state.TicketRating;
import io.deskstream.schemas.state.TicketStatus;
import io.deskstream.topology.metrics.CellSharePublisher;
import io.deskstream.topology.metrics.ConversationMetrics;
import io.deskstream.topology.metrics.MetricCells;
import io.deskstream.topology.metrics.RatingCounting;
import io.deskstream.topology.metrics.ReportHours;
import io.deskstream.topology.metrics.TicketStatusCounts;
import io.deskstream.topology.ProcessingObserver;
import io.deskstream.topology.StoreNames;
import io.deskstream.topology.state.ExpiryIndex;
import io.deskstream.topology.state.LiveStore;
import io.deskstream.topology.configuration.LiveDepartments;
import io.deskstream.topology.configuration.LiveRoutingRules;
import io.deskstream.topology.deadletter.DeadLetters;
import io.deskstream.topology.routing.ConversationFacts;
import io.deskstream.topology.routing.RoutingOutcome;
import io.deskstream.topology.serde.InputRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The heart of routing: for each ticket, chat, call and rating event, in arrival order per conversation, refuse what
 * cannot be counted (dead letters), ignore repeats, route new conversations, apply the rest to the conversation's
 * state, and publish every routing decision.
 */
public final class ConversationProcessor implements Processor<String, InputRecord, String, Object> {

    /** Each expiry does a bounded amount of work (ConversationExpiry.BUDGET), so it runs often. */
    private static final Duration EXPIRY_INTERVAL = Duration.ofSeconds(10);
    /** How often changed cells are sent on to the report rows: the export changelog lags by about this much. */
    private static final Duration SHARE_INTERVAL = Duration.ofSeconds(2);

    /** Child names: where each kind of output goes. */
    public static final String ROUTED = "routed-tickets";
    public static final String ROUTED_TO_DEPARTMENT = "routed-tickets-of-department";
    public static final String DEAD_LETTER = "dead-letters";
    public static final String CELL_SHARES = "report-cell-shares";

    private final LiveRoutingRules rules;
    private final LiveDepartments liveDepartments;
    private final Duration maxFuture;
    private final Duration retention;
    private final ReportHours hours;
    private final ProcessingObserver observer;
    private Freshness freshness;
    private ProcessorContext<String, Object> context;
    private LiveStore<ConversationState> conversations;
    private LiveStore<TicketRating> ratings;
    private KeyValueStore<String, Department> departments;
    private KeyValueStore<String, RoutingRule> ruleStore;
    private LiveStore<MetricCell> metricCells;
    private KeyValueStore<String, MetricCell> storedMetricCells;
    private MetricCells cells;
    private ConversationMetrics metrics;
    private TicketStatusCounts statusCounts;
    private SeenEventIds seen;
    private ExpiryIndex index;
    /**
     * Kafka Streams keeps a task's schedules when it closes and re-initialises the task's processors (a task revived
     * after a failure, or suspended and resumed): without cancelling them, the old publisher would go on publishing,
     * and forgetting the changed-hour marks, of cells this processor now tracks.
     */
    private final List<Cancellable> schedules = new ArrayList<>();

    public ConversationProcessor(LiveRoutingRules rules, LiveDepartments departments, Duration maxFuture,
                                 Duration retention, ReportHours hours, ProcessingObserver observer) {
        this.observer = observer;
        this.rules = rules;
        this.liveDepartments = departments;
        this.maxFuture = maxFuture;
        this.retention = retention;
        this.hours = hours;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        conversations = LiveStore.attached(context, StoreNames.LIVE_CONVERSATIONS,
                context.getStateStore(StoreNames.CONVERSATIONS));
        ratings = LiveStore.attached(context, StoreNames.LIVE_RATINGS, context.getStateStore(StoreNames.RATINGS));
        departments = context.getStateStore(StoreNames.DEPARTMENTS);
        ruleStore = context.getStateStore(StoreNames.ROUTING_RULES);
        storedMetricCells = context.getStateStore(StoreNames.METRIC_CELLS);
        metricCells = LiveStore.attached(context, StoreNames.LIVE_METRIC_CELLS, storedMetricCells);
        cells = new MetricCells(metricCells, storedMetricCells, context.getStateStore(StoreNames.CHANGED_HOURS));
        CellSharePublisher shares = new CellSharePublisher(cells);
        schedules.add(context.schedule(SHARE_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
                now -> shares.publish(context, CELL_SHARES, now)));
        metrics = new ConversationMetrics(cells, hours, id -> liveDepartments.get(id, departments));
        LiveStore<Long> statuses = LiveStore.attached(context, StoreNames.LIVE_TICKET_STATUS,
                context.<KeyValueStore<String, Long>>getStateStore(StoreNames.TICKET_STATUS));
        statusCounts = new TicketStatusCounts(statuses);
        // Answers are reused until the data they read changes: tell when it did, once written where queries read.
        metricCells.afterChangesWritten(observer::reportDataWritten);
        statuses.afterChangesWritten(observer::reportDataWritten);
        freshness = new Freshness(observer);
        conversations.afterCommitWrite(() -> freshness.committed(context.currentSystemTimeMs()));
        seen = new SeenEventIds(context.getStateStore(StoreNames.EVENT_IDS));
        index = new ExpiryIndex(context.getStateStore(StoreNames.EXPIRY_INDEX));
        ConversationExpiry expiry = new ConversationExpiry(conversations, ratings, metricCells, storedMetricCells,
                statusCounts, seen, index);
        // A wall-clock schedule: one per hour of stream time would run for every simulated hour of a replay. The
        // cutoff is still stream time, so a replay of old history keeps what it replays.
        schedules.add(context.schedule(EXPIRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
                now -> expiry.expire(Instant.ofEpochMilli(context.currentStreamTimeMs()).minus(retention))));
    }

    @Override
    public void close() {
        schedules.forEach(Cancellable::cancel);
        schedules.clear();
    }

    @Override
    public void process(Record<String, InputRecord> record) {
        InputRecord input = record.value();
        context.recordMetadata().ifPresent(source -> observer.eventRead(source.topic()));
        String invalidId = EventIds.problem(input.value());
        if (invalidId != null) {
            deadLetter(record, EventIds.REASON, invalidId);
            return;
        }
        if (input.value() instanceof RatingEvent rating) {
            if (!refusedAsFuture(record, rating.getTs())) {
                rate(rating);
                freshness.processed(rating.getTs());
            }
            return;
        }
        ConversationEvent event = ConversationEvent.of(input.value());
        if (event == null || refusedAsFuture(record, event.ts())) {
            return;
        }
        ConversationState state = conversations.get(event.stateKey());
        if (state != null && seen.seen(event.stateKey(), state.getSeenEvents(), event.eventId())) {
            return;
        }
        if (event.creates()) {
            if (state != null) {
                deadLetter(record, "conversation exists", "a " + event.kind() + " " + event.conversationId()
                        + " was created already, by another event");
                return;
            }
            start(event);
        } else if (state == null) {
            deadLetter(record, "unknown conversation", "event " + event.eventId() + " names " + event.kind() + " "
                    + event.conversationId() + ", which was never created");
            return;
        } else {
            continueWith(state, event);
        }
        freshness.processed(event.ts());
    }

    private void start(ConversationEvent event) {
        ConversationFacts facts = ConversationRouting.facts(event.body());
        RoutingOutcome outcome = rules.current(ruleStore).route(facts);
        ConversationState state = ConversationRouting.start(event, facts, outcome);
        seen.remember(event.stateKey(), state.getSeenEvents(), event.eventId());
        index.add(event.stateKey(), state.getLastEventTs());
        metrics.created(state, event);
        if (state.getTicket() != null) {
            statusCounts.move(null, null, state.getDepartment(), state.getTicket().getStatus());
        }
        conversations.put(event.stateKey(), state);
        publish(state, RoutingDecision.created, facts.departmentId(), event);
    }

    private void continueWith(ConversationState state, ConversationEvent event) {
        String departmentBefore = state.getDepartment();
        TicketStatus statusBefore = state.getTicket() == null ? null : state.getTicket().getStatus();
        Instant lastBefore = state.getLastEventTs();
        metrics.before(state, event);
        seen.remember(event.stateKey(), state.getSeenEvents(), event.eventId());
        ConversationTransitions.apply(state, event);
        index.moved(event.stateKey(), lastBefore, state.getLastEventTs());
        if (state.getTicket() != null) {
            statusCounts.move(departmentBefore, statusBefore, state.getDepartment(), state.getTicket().getStatus());
            RatingCounting.reconcile(state, () -> ratings.get(state.getId()), cells, hours);
        }
        conversations.put(event.stateKey(), state);
        if (event.body() instanceof io.deskstream.schemas.events.TicketTransferred) {
            publish(state, RoutingDecision.transferred, departmentBefore, event);
        }
    }

    /** The latest rating by ts wins; on a tie the one read last; a repeated rating event is ignored. */
    private void rate(RatingEvent rating) {
        String scope = ConversationExpiry.RATING_SCOPE + rating.getTicketId();
        TicketRating now = ratings.get(rating.getTicketId());
        SeenEvents ids = now == null ? SeenEventIds.none() : now.getSeenEvents();
        if (now != null && seen.seen(scope, ids, rating.getId())) {
            return;
        }
        seen.remember(scope, ids, rating.getId());
        if (now != null && rating.getTs().isBefore(now.getTs())) {
            ratings.put(rating.getTicketId(), now);
            return;
        }
        TicketRating latest = new TicketRating(rating.getValue(), rating.getTs(), rating.getId(), ids);
        ratings.put(rating.getTicketId(), latest);
        index.moved(scope, now == null ? null : now.getTs(), latest.getTs());
        String ticketKey = ConversationEvent.stateKey(io.deskstream.schemas.output.ConversationKind.ticket, rating.getTicketId());
        ConversationState ticket = conversations.get(ticketKey);
        if (ticket != null) {
            RatingCounting.reconcile(ticket, () -> latest, cells, hours);
            conversations.put(ticketKey, ticket);
        }
    }

    private void publish(ConversationState state, RoutingDecision decision, String previous, ConversationEvent cause) {
        RoutedConversation routed = RoutedConversation.newBuilder()
                .setConversationId(state.getId())
                .setKind(state.getKind())
                .setDecision(decision)
                .setChannel(state.getChannel())
                .setDepartment(state.getDepartment() == null ? RoutingOutcome.NO_DEPARTMENT : state.getDepartment())
                .setPreviousDepartment(previous)
                .setAgent(state.getAgent())
                .setTags(new ArrayList<>(state.getTags()))
                .setMatchedRules(decision == RoutingDecision.created ? new ArrayList<>(state.getMatchedRules()) : new ArrayList<>())
                .setEventId(cause.eventId())
                .setEventTs(cause.ts())
                .build();
        Record<String, Object> out = new Record<>(state.getId(), routed, cause.ts().toEpochMilli());
        context.forward(out, ROUTED);
        observer.routed(routed.getDepartment(), decision.name());
        // Only configured departments have a topic; a department id named only by events or rules has none.
        if (state.getDepartment() != null && liveDepartments.get(state.getDepartment(), departments) != null) {
            context.forward(out, ROUTED_TO_DEPARTMENT);
        }
    }

    private boolean refusedAsFuture(Record<String, InputRecord> record, Instant ts) {
        Instant readAt = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (!ts.isAfter(readAt.plus(maxFuture))) {
            return false;
        }
        deadLetter(record, "future ts", "ts " + ts + " is more than " + maxFuture.toHours()
                + " hours after the time it was read, " + readAt);
        return true;
    }

    private void deadLetter(Record<String, InputRecord> record, String reason, String error) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        Record<String, Object> out = new Record<String, Object>(record.key(), record.value().bytes(), record.timestamp(),
                DeadLetters.headers(reason, error, source.topic(), source.partition(), source.offset()));
        context.forward(out, DEAD_LETTER);
    }
}
