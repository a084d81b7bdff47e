package io.deskstream.launcher;

import java.nio.file.Path;
import java.time.Duration;

import io.deskstream.api.ApiSettings;
import io.deskstream.api.stream.ReportStreamSettings;
import io.deskstream.registry.RegistryAuth;

/**
 * What sets one instance apart when several share the work, and the API's own limits.
 *
 * @param advertisedAddress  {@code host:port} at which the other instances reach this one's HTTP port; null: the
 *                           local HTTP address
 * @param standbyReplicas    warm copies of each state store kept on other instances, for a faster take-over
 * @param maxEventsBodyBytes the largest body {@code POST /api/v1/events} takes
 * @param adminToken         the admin token as {@code DESKSTREAM_ADMIN_TOKEN} gives it, or null to use the data dir's
 * @param exports            how the Parquet/CSV export runs here
 * @param registry           who may use the embedded schema registry, and the credentials for one that is not
 * @param metricsNeedToken   whether {@code GET /metrics} asks for a token
 * @param maxEventsInFlightBytes the most bytes of {@code POST /api/v1/events} bodies processed at once; at least
 *                               {@code maxEventsBodyBytes}
 * @param maxReportRows      the most rows of one report answer
 * @param reportStreams      the most report streams open at once, and how often they are looked at
 * @param sessionTimeout     how long the others wait for this instance, gone silent, before taking its partitions
 */
record InstanceSettings(String advertisedAddress, int standbyReplicas, long maxEventsBodyBytes, String adminToken,
                        Exports exports, Registry registry, boolean metricsNeedToken, long maxEventsInFlightBytes,
                        int maxReportRows, ReportStreamSettings reportStreams,
                        SessionTimeout sessionTimeout) {

    InstanceSettings {
        if (maxEventsInFlightBytes < maxEventsBodyBytes) {
            throw new IllegalArgumentException("--max-events-in-flight (" + maxEventsInFlightBytes + " bytes) must be"
                    + " at least --max-events-body (" + maxEventsBodyBytes + " bytes), or a body under the limit"
                    + " could never be taken");
        }
        if (maxReportRows < 1) {
            throw new IllegalArgumentException("--max-report-rows must be at least 1, got " + maxReportRows);
        }
        if (sessionTimeout == null) {
            throw new IllegalArgumentException("a session timeout is needed");
        }
    }

    /**
     * With the default registry access, open metrics, the default limits of bodies in flight and report rows, and the
     * default session timeout.
     */
    InstanceSettings(String advertisedAddress, int standbyReplicas, long maxEventsBodyBytes, String adminToken,
                     Exports exports) {
        this(advertisedAddress, standbyReplicas, maxEventsBodyBytes, adminToken, exports, Registry.DEFAULT, false,
                Math.max(maxEventsBodyBytes, ApiSettings.DEFAULT_MAX_EVENTS_IN_FLIGHT_BYTES),
                ApiSettings.DEFAULT_MAX_REPORT_ROWS, ReportStreamSettings.DEFAULTS,
                SessionTimeout.DEFAULT);
    }

    /**
     * The schema registry's access.
     *
     * @param auth     what of the embedded registry needs the admin token: writes (the default) or every route
     * @param userInfo {@code USER:PASSWORD} sent as HTTP Basic auth to a registry given by {@code --schema-registry-url},
     *                 or null to send none; never used with the embedded registry, whose clients send the admin token
     */
    record Registry(RegistryAuth.Scope auth, String userInfo) {
        static final Registry DEFAULT = new Registry(RegistryAuth.Scope.WRITES, null);

        @Override
        public String toString() {
            return "Registry[auth=" + auth + ", userInfo=" + (userInfo == null ? "none" : "(set)") + "]";
        }
    }

    /**
     * The export: on or off, where (null: {@code DATA_DIR/exports}), how long after its end an hour is written, and
     * how often what is waiting is written.
     */
    record Exports(boolean enabled, Path directory, Duration closeDelay, Duration commitInterval) {
        /** The embedded worker's commit interval: the longest a closed hour waits to be written. */
        static final Duration COMMIT_INTERVAL = Duration.ofSeconds(10);
        static final Exports OFF = new Exports(false, null, Duration.ofHours(1), COMMIT_INTERVAL);
    }

    static InstanceSettings defaults() {
        return new InstanceSettings(null, 0, ApiSettings.DEFAULT_MAX_EVENTS_BODY_BYTES, null, Exports.OFF);
    }

    InstanceSettings withAdminToken(String token) {
        return new InstanceSettings(advertisedAddress, standbyReplicas, maxEventsBodyBytes, token, exports, registry,
                metricsNeedToken, maxEventsInFlightBytes, maxReportRows, reportStreams, sessionTimeout);
    }

    InstanceSettings withAdvertisedAddress(String address) {
        return new InstanceSettings(address, standbyReplicas, maxEventsBodyBytes, adminToken, exports, registry,
                metricsNeedToken, maxEventsInFlightBytes, maxReportRows, reportStreams, sessionTimeout);
    }

    InstanceSettings withExports(Exports changed) {
        return new InstanceSettings(advertisedAddress, standbyReplicas, maxEventsBodyBytes, adminToken, changed,
                registry, metricsNeedToken, maxEventsInFlightBytes, maxReportRows, reportStreams, sessionTimeout);
    }

    InstanceSettings withRegistry(Registry changed) {
        return new InstanceSettings(advertisedAddress, standbyReplicas, maxEventsBodyBytes, adminToken, exports,
                changed, metricsNeedToken, maxEventsInFlightBytes, maxReportRows, reportStreams, sessionTimeout);
    }

    InstanceSettings withMetricsNeedingToken(boolean needed) {
        return new InstanceSettings(advertisedAddress, standbyReplicas, maxEventsBodyBytes, adminToken, exports,
                registry, needed, maxEventsInFlightBytes, maxReportRows, reportStreams, sessionTimeout);
    }

    /** With these limits of event bodies (one request, and in flight over all) and of report rows. */
    InstanceSettings withApiLimits(long eventsBodyBytes, long eventsInFlightBytes, int reportRows) {
        return new InstanceSettings(advertisedAddress, standbyReplicas, eventsBodyBytes, adminToken, exports,
                registry, metricsNeedToken, eventsInFlightBytes, reportRows, reportStreams,
                sessionTimeout);
    }

    /** With these report streams: the most open at once, the heartbeat and how often questions are answered again. */
    InstanceSettings withReportStreams(ReportStreamSettings streams) {
        return new InstanceSettings(advertisedAddress, standbyReplicas, maxEventsBodyBytes, adminToken, exports,
                registry, metricsNeedToken, maxEventsInFlightBytes, maxReportRows, streams,
                sessionTimeout);
    }

    InstanceSettings withSessionTimeout(SessionTimeout changed) {
        return new InstanceSettings(advertisedAddress, standbyReplicas, maxEventsBodyBytes, adminToken, exports,
                registry, metricsNeedToken, maxEventsInFlightBytes, maxReportRows, reportStreams, changed);
    }
}
