package io.deskstream.api;

import java.time.ZoneId;

import javax.net.ssl.SSLContext;

import io.deskstream.topology.Topics;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What the API runs with.
 *
 * @param applicationId      the Kafka Streams application (consumer group) whose progress status reports
 * @param maxEventsBodyBytes the largest body {@code POST /api/v1/events} takes; larger answers 413
 * @param advertised         this instance's address as the other instances reach it ({@code application.server})
 * @param metricsNeedToken   whether {@code GET /metrics} asks for a token (open by default, as scrapers expect)
 * @param peerTls            null when the instances call each other over plain HTTP, else the trust of their HTTPS
 *                           calls
 */
public record ApiSettings(Topics topics, String applicationId, ZoneId reportZone, long maxEventsBodyBytes,
                          HostInfo advertised, boolean metricsNeedToken, SSLContext peerTls) {

    public static final long DEFAULT_MAX_EVENTS_BODY_BYTES = 64L * 1024 * 1024;

    /** Settings of instances that call each other over plain HTTP. */
    public ApiSettings(Topics topics, String applicationId, ZoneId reportZone, long maxEventsBodyBytes,
                       HostInfo advertised, boolean metricsNeedToken) {
        this(topics, applicationId, reportZone, maxEventsBodyBytes, advertised, metricsNeedToken, null);
    }
}
