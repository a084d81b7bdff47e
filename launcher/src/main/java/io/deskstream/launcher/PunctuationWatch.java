package io.deskstream.launcher;

import java.util.Map;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Follows Kafka Streams' thread-level {@code punctuate-latency-max} (group {@code stream-thread-metrics}) every
 * 500 ms and keeps the largest value seen, per period and over the run.
 *
 * <p>What the metric is (Kafka Streams 4.x, {@code StreamThread}): a stream thread runs every punctuator that is due,
 * of all its tasks, in one pass; the pass's time divided by the number of tasks that punctuated in it is recorded,
 * in milliseconds, and the metric is the largest of these over its sample window (2 × 30 s). So it is the longest
 * time one task's punctuation took on average in a pass, not the longest single pass: when several tasks punctuate
 * together, as the expiry schedules of every task do every 10 s, the pass took up to that many times as long.
 */
final class PunctuationWatch implements AutoCloseable {

    static final String GROUP = "stream-thread-metrics";
    static final String NAME = "punctuate-latency-max";
    private static final long POLL_MILLIS = 500;

    private final KafkaStreams streams;
    private final Thread poller;
    private volatile boolean running = true;
    private double periodMax;
    private double runMax;

    private PunctuationWatch(KafkaStreams streams) {
        this.streams = streams;
        this.poller = new Thread(this::poll, "deskstream-soak-punctuation");
        this.poller.setDaemon(true);
    }

    static PunctuationWatch start(KafkaStreams streams) {
        PunctuationWatch watch = new PunctuationWatch(streams);
        watch.poller.start();
        return watch;
    }

    private void poll() {
        while (running) {
            sample();
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        double max = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (name.group().equals(GROUP) && name.name().equals(NAME)
                    && metric.getValue().metricValue() instanceof Double value && !value.isNaN()) {
                max = Math.max(max, value);
            }
        }
        synchronized (this) {
            periodMax = Math.max(periodMax, max);
            runMax = Math.max(runMax, max);
        }
    }

    /** The largest value since the last call, in milliseconds (0 if no punctuation was recorded). */
    synchronized double takePeriodMax() {
        sample();
        double max = periodMax;
        periodMax = 0;
        return max;
    }

    synchronized double runMax() {
        return runMax;
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }
}
