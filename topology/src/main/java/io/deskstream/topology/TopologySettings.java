package io.deskstream.topology;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.deskstream.schemas.wire.SchemaRegistry;

/**
 * Everything the topology is a function of.
 *
 * @param topics    topic names
 * @param registry  the schema registry of the topics' Avro records
 * @param maxFuture how far after the time it is read an event's ts may be (events.md: 24 hours)
 * @param retention how long anything is kept, by event time: a conversation after its last event (with the event
 *                  ids that recognise its repeats), a rating, a report cell after its hour; then it is forgotten
 * @param reportZone the report time zone: the report's cells are the hours of its clock, so that its days, weeks
 *                  and months are unions of whole cells
 * @param observer  told what the processing does, for metrics
 */
public record TopologySettings(Topics topics, SchemaRegistry registry, Duration maxFuture, Duration retention,
                               ZoneId reportZone, ProcessingObserver observer) {

    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofHours(24);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);

    public TopologySettings(Topics topics, SchemaRegistry registry) {
        this(topics, registry, DEFAULT_MAX_FUTURE, DEFAULT_RETENTION, ZoneOffset.UTC, ProcessingObserver.NONE);
    }

    public TopologySettings withReportZone(ZoneId zone) {
        return new TopologySettings(topics, registry, maxFuture, retention, zone, observer);
    }

    public TopologySettings withRetention(Duration kept) {
        return new TopologySettings(topics, registry, maxFuture, kept, reportZone, observer);
    }

    public TopologySettings withObserver(ProcessingObserver watching) {
        return new TopologySettings(topics, registry, maxFuture, retention, reportZone, watching);
    }
}
