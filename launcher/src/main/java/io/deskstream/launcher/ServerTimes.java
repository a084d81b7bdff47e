package io.deskstream.launcher;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the server itself took for one route's requests, read from its own {@code /metrics}: the cumulative
 * buckets of {@code http_server_requests_seconds} for that route, summed over statuses. Two snapshots, taken before
 * and after a measurement, give the server's share of the latency that clients saw, without the clients' own work
 * (reading and decompressing the answers on the same cores).
 *
 * @param buckets upper bound in seconds to the number of requests that took at most that long
 */
record ServerTimes(TreeMap<Double, Long> buckets) {

    private static final Pattern BUCKET = Pattern.compile(
            "^http_server_requests_seconds_bucket\\{([^}]*)\\}\\s+(\\S+)");

    /** The buckets of {@code route} in a Prometheus text exposition. */
    static ServerTimes of(String exposition, String route) {
        TreeMap<Double, Long> buckets = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            Matcher bucket = BUCKET.matcher(line);
            if (!bucket.find()) {
                continue;
            }
            Map<String, String> labels = labels(bucket.group(1));
            if (!route.equals(labels.get("route")) || !labels.containsKey("le")) {
                continue;
            }
            String le = labels.get("le");
            double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
            buckets.merge(bound, (long) Double.parseDouble(bucket.group(2)), Long::sum);
        }
        return new ServerTimes(buckets);
    }

    /** The requests between {@code before} and this snapshot. */
    ServerTimes since(ServerTimes before) {
        TreeMap<Double, Long> delta = new TreeMap<>();
        buckets.forEach((bound, count) -> delta.put(bound, count - before.buckets.getOrDefault(bound, 0L)));
        return new ServerTimes(delta);
    }

    long count() {
        return buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
    }

    /**
     * The bucket bound that {@code q} of the requests stayed within, in milliseconds: an upper bound of the quantile,
     * as exact as the buckets are fine; NaN without requests.
     */
    double quantileMillis(double q) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        for (Map.Entry<Double, Long> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= Math.ceil(q * total)) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new TreeMap<>();
        Matcher label = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
        while (label.find()) {
            labels.put(label.group(1), label.group(2));
        }
        return labels;
    }
}
