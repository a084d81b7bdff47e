package io.deskstream.launcher;

import io.deskstream.api.ApiSettings;

/**
 * What sets one instance apart when several share the work, and the API's own limits.
 *
 * @param advertisedAddress  {@code host:port} at which the other instances reach this one's HTTP port; null: the
 *                           local HTTP address
 * @param standbyReplicas    warm copies of each state store kept on other instances, for a faster take-over
 * @param maxEventsBodyBytes the largest body {@code POST /api/v1/events} takes
 * @param adminToken         the admin token as {@code DESKSTREAM_ADMIN_TOKEN} gives it, or null to use the data dir's
 */
record InstanceSettings(String advertisedAddress, int standbyReplicas, long maxEventsBodyBytes, String adminToken) {

    static InstanceSettings defaults() {
        return new InstanceSettings(null, 0, ApiSettings.DEFAULT_MAX_EVENTS_BODY_BYTES, null);
    }

    InstanceSettings withAdminToken(String token) {
        return new InstanceSettings(advertisedAddress, standbyReplicas, maxEventsBodyBytes, token);
    }

    InstanceSettings withAdvertisedAddress(String address) {
        return new InstanceSettings(address, standbyReplicas, maxEventsBodyBytes, adminToken);
    }
}
