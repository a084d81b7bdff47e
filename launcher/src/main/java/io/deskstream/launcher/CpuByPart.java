package io.deskstream.launcher;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the CPU of a run went, by part of the process: the stream threads, the embedded broker, the Kafka clients'
 * network threads, and the JVM's own work (garbage collection, the JIT compiler), with the time collections paused
 * every thread and the time spent compiling. Java threads are measured one by one; the JVM's share is the process's
 * CPU time less theirs, so a thread that ended during the run counts there too.
 */
final class CpuByPart {

    enum Part {
        PROCESSING("stream threads"),
        BROKER("broker"),
        CLIENTS("clients' I/O"),
        OTHER("bench and other"),
        JVM("JVM: GC, JIT");

        final String label;

        Part(String label) {
            this.label = label;
        }
    }

    /** The CPU used so far: the process's, each live Java thread's (by id), and the collectors' and compiler's time. */
    record Snapshot(long processNanos, Map<Long, Long> threadNanos, Map<Long, Part> threadParts, long gcMillis,
                    long compileMillis) {
    }

    private CpuByPart() {
    }

    static Snapshot now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> nanos = new HashMap<>();
        Map<Long, Part> parts = new HashMap<>();
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread == null) {
                continue; // ended since the ids were listed
            }
            long cpu = threads.getThreadCpuTime(thread.getThreadId());
            if (cpu >= 0) {
                nanos.put(thread.getThreadId(), cpu);
                parts.put(thread.getThreadId(), partOf(thread.getThreadName()));
            }
        }
        long gc = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, collector.getCollectionTime());
        }
        var compiler = ManagementFactory.getCompilationMXBean();
        long compile = compiler != null && compiler.isCompilationTimeMonitoringSupported()
                ? compiler.getTotalCompilationTime() : 0;
        return new Snapshot(processNanos(), nanos, parts, gc, compile);
    }

    /** The part a thread belongs to, by the names Kafka Streams, the Kafka clients and the broker give threads. */
    static Part partOf(String threadName) {
        // A stream thread's producer is named after it: the clients first.
        if (threadName.startsWith("kafka-producer-network-thread") || threadName.startsWith("kafka-admin-client-thread")
                || threadName.startsWith("kafka-coordinator-heartbeat-thread")) {
            return Part.CLIENTS;
        }
        if (threadName.contains("StreamThread")) {
            return Part.PROCESSING;
        }
        if (threadName.equals("main") || threadName.startsWith("deskstream-") || threadName.startsWith("HttpClient")
                || threadName.startsWith("Jetty") || threadName.startsWith("JFR") || threadName.startsWith("Common-Cleaner")
                || threadName.startsWith("ForkJoinPool")) {
            return Part.OTHER;
        }
        return Part.BROKER;
    }

    /** CPU nanoseconds of each part between {@code before} and {@code after}. */
    static Map<Part, Long> between(Snapshot before, Snapshot after) {
        Map<Part, Long> used = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            used.put(part, 0L);
        }
        long javaThreads = 0;
        for (Map.Entry<Long, Long> thread : after.threadNanos().entrySet()) {
            long delta = thread.getValue() - before.threadNanos().getOrDefault(thread.getKey(), 0L);
            used.merge(after.threadParts().get(thread.getKey()), delta, Long::sum);
            javaThreads += delta;
        }
        used.put(Part.JVM, Math.max(0, after.processNanos() - before.processNanos() - javaThreads));
        return used;
    }

    /** The line the bench prints: microseconds per event of each part. */
    static String perEvent(Snapshot before, Snapshot after, long events) {
        StringBuilder line = new StringBuilder();
        between(before, after).forEach((part, nanos) -> line.append(line.isEmpty() ? "" : " · ")
                .append(String.format(Locale.ROOT, "%.1f %s", nanos / 1e3 / events, part.label)));
        return line + "  (microseconds per event)";
    }

    /** Collections and compilation during the run, in seconds, the collections also as a share of {@code wallNanos}. */
    static String pauses(Snapshot before, Snapshot after, long wallNanos) {
        double gc = (after.gcMillis() - before.gcMillis()) / 1e3;
        return String.format(Locale.ROOT, "%.1f s collecting garbage (%.0f%% of the run, every thread paused), %.1f s"
                + " compiling (JIT)", gc, 100 * gc / (wallNanos / 1e9), (after.compileMillis() - before.compileMillis()) / 1e3);
    }

    static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
