package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerTimesTest {

    private static final String ROUTE = "/api/v1/reports/departments";

    private static String exposition(long upTo1ms, long upTo5ms, long upTo50ms, long all, long otherRoute) {
        return """
                # HELP http_server_requests_seconds HTTP requests by route and status
                # TYPE http_server_requests_seconds histogram
                http_server_requests_seconds_bucket{method="GET",route="/api/v1/reports/departments",status="200",le="0.001"} %d
                http_server_requests_seconds_bucket{method="GET",route="/api/v1/reports/departments",status="200",le="0.005"} %d
                http_server_requests_seconds_bucket{method="GET",route="/api/v1/reports/departments",status="200",le="0.05"} %d
                http_server_requests_seconds_bucket{method="GET",route="/api/v1/reports/departments",status="200",le="+Inf"} %d
                http_server_requests_seconds_count{method="GET",route="/api/v1/reports/departments",status="200"} %d
                http_server_requests_seconds_bucket{method="GET",route="/api/v1/status",status="200",le="0.001"} %d
                http_server_requests_seconds_bucket{method="GET",route="/api/v1/status",status="200",le="+Inf"} %d
                """.formatted(upTo1ms, upTo5ms, upTo50ms, all, all, otherRoute, otherRoute);
    }

    @Test
    void quantilesAreTheBucketBoundsThatEnoughRequestsStayedWithin() {
        ServerTimes times = ServerTimes.of(exposition(50, 99, 100, 100, 7), ROUTE);

        assertThat(times.count()).isEqualTo(100);
        assertThat(times.quantileMillis(0.50)).isEqualTo(1.0);
        assertThat(times.quantileMillis(0.99)).isEqualTo(5.0);
        assertThat(times.quantileMillis(1.0)).isEqualTo(50.0);
    }

    @Test
    void theRequestsBetweenTwoSnapshotsAreTheDifference() {
        ServerTimes before = ServerTimes.of(exposition(50, 99, 100, 100, 7), ROUTE);
        ServerTimes after = ServerTimes.of(exposition(50, 109, 200, 200, 9), ROUTE);

        ServerTimes between = after.since(before);

        assertThat(between.count()).isEqualTo(100);
        assertThat(between.quantileMillis(0.10)).isEqualTo(5.0);
        assertThat(between.quantileMillis(0.50)).isEqualTo(50.0);
    }

    @Test
    void otherRoutesAndStatusesAreLeftOutOrAddedUp() {
        String withAnError = exposition(1, 1, 1, 1, 5) + """
                http_server_requests_seconds_bucket{method="GET",route="/api/v1/reports/departments",status="400",le="0.001"} 3
                http_server_requests_seconds_bucket{method="GET",route="/api/v1/reports/departments",status="400",le="+Inf"} 3
                """;
        assertThat(ServerTimes.of(withAnError, ROUTE).count()).isEqualTo(4);
        assertThat(ServerTimes.of(withAnError, "/api/v1/status").count()).isEqualTo(5);
    }

    @Test
    void withoutRequestsThereIsNoQuantile() {
        assertThat(ServerTimes.of("", ROUTE).quantileMillis(0.5)).isNaN();
    }
}
