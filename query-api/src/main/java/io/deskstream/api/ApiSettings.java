package io.deskstream.api;

import java.time.ZoneId;

import io.deskstream.topology.Topics;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What the API runs with.
 *
 * @param applicationId      the Kafka Streams application (consumer group) whose progress status reports
 * @param maxEventsBodyBytes the largest body {@code POST /api/v1/events} takes; larger answers 413
 * @param advertised         this instance's address as the other instances reach it ({@code application.server})
 * @param metricsNeedToken   whether {@code GET /metrics} asks for a token (open by default, as scrapers expect)
 */
public record ApiSettings(Topics topics, String applicationId, ZoneId reportZone, long maxEventsBodyBytes,
                          HostInfo advertised, boolean metricsNeedToken) {

    public static final long DEFAULT_MAX_EVENTS_BODY_BYTES = 64L * 1024 * 1024;
}
