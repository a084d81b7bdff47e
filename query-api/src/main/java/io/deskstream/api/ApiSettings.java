package io.deskstream.api;

import java.time.ZoneId;

import javax.net.ssl.SSLContext;

import io.deskstream.api.stream.ReportStreamSettings;
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
 * @param maxEventsInFlightBytes the most bytes of {@code POST /api/v1/events} bodies processed at once, over all
 *                               requests; more answers 503. At least {@code maxEventsBodyBytes}
 * @param maxReportRows      the most rows one report answer may have; a question whose answer would have more
 *                           answers 400
 * @param reportStreams      how many report streams this instance keeps open, and how often they are looked at
 */
public record ApiSettings(Topics topics, String applicationId, ZoneId reportZone, long maxEventsBodyBytes,
                          HostInfo advertised, boolean metricsNeedToken, SSLContext peerTls,
                          long maxEventsInFlightBytes, int maxReportRows, ReportStreamSettings reportStreams) {

    public static final long DEFAULT_MAX_EVENTS_BODY_BYTES = 64L * 1024 * 1024;
    public static final long DEFAULT_MAX_EVENTS_IN_FLIGHT_BYTES = 128L * 1024 * 1024;
    public static final int DEFAULT_MAX_REPORT_ROWS = 20_000;

    /** Settings of instances that call each other over plain HTTP, with the default limits. */
    public ApiSettings(Topics topics, String applicationId, ZoneId reportZone, long maxEventsBodyBytes,
                       HostInfo advertised, boolean metricsNeedToken) {
        this(topics, applicationId, reportZone, maxEventsBodyBytes, advertised, metricsNeedToken, null,
                Math.max(maxEventsBodyBytes, DEFAULT_MAX_EVENTS_IN_FLIGHT_BYTES), DEFAULT_MAX_REPORT_ROWS,
                ReportStreamSettings.DEFAULTS);
    }
}
