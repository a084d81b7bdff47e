package io.deskstream.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.deskstream.topology.Topics;
import org.apache.kafka.clients.admin.Admin;

/**
 * The cluster under fire: while copies of the conformance week are sent through both instances, one broker, then one
 * deskstream instance, then the Connect worker is killed with {@code kill -9} and started again, each only once the
 * cluster is fresh again after the one before. What each kill cost is measured: how long queries answered 503, how
 * long the surviving instance took to answer the whole report again, and how long after the restart everything
 * written before it was processed (or exported).
 */
final class ClusterRun {

    /** Longest any one wait of the run may take before the run fails, saying what it waited for. */
    static final Duration WAIT = Duration.ofMinutes(3);
    private static final Duration BROKER_DOWN = Duration.ofSeconds(10);
    private static final Duration CONNECT_DOWN = Duration.ofSeconds(5);
    /** How long the survivor must answer 200 in a row before the take-over counts as done. */
    private static final Duration STEADY = Duration.ofSeconds(5);
    private static final int EVENTS_PER_SECOND = 1_000;
    /** Most copies: the oldest must stay within the retention (400 days) and the input retention given. */
    private static final int MOST_COPIES = 40;
    /** Fewest copies, for a few hundred thousand events whatever the speed of the machine. */
    private static final int FEWEST_COPIES = 19;

    /**
     * What one kill cost.
     *
     * @param part        what was killed
     * @param down        from the kill to the start again
     * @param freshAgain  from the start again until everything written before it was processed (or exported)
     * @param unavailable per instance, the 503s from the kill until fresh again
     */
    record Kill(String part, Duration down, Duration freshAgain, List<QueryWatch.Unavailable> unavailable) {
    }

    /** A condition the run waits for; false or an exception means not yet. */
    interface Condition {
        boolean holds() throws Exception;
    }

    /** Where things stand, for the message of a wait that ran out of time. */
    interface State {
        String now() throws Exception;
    }

    private final ClusterParts parts;
    private final Topics topics = Topics.withDefaultPrefix();
    private final List<Kill> kills = new ArrayList<>();
    /** The JVMs killed and not started again yet: every other one must stay alive. */
    private final java.util.Set<ChildJvm> down = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final long began;
    private long peakResidentBytes;
    private QueryWatch watch;
    private EventLoad load;
    private Duration takeOver;
    private Duration noticed;
    private int copies;
    private long loadStopped;
    private long events;

    /** @param began when the cluster began to start (System.nanoTime), for the times of the progress lines */
    ClusterRun(ClusterParts parts, long began) {
        this.parts = parts;
        this.began = began;
    }

    /**
     * Sends the week, then the load with the three kills; returns once every instance has caught up and the export
     * has every report row.
     */
    void run() throws Exception {
        ApiClient first = parts.instance(0).api();
        ConformanceWeek.sendThrough(first, parts.instances().stream().map(ClusterParts.Instance::api).toList());
        awaitFor("the Connect worker to run both connectors and their tasks", () -> parts.connect().running());
        watch = new QueryWatch(parts.instances().stream().map(ClusterParts.Instance::url).toList(), ClusterParts.TOKEN);
        watch.start();
        ConformanceCopies week = ConformanceCopies.ofTheWeek();
        load = new EventLoad(week, parts.instances().stream().map(ClusterParts.Instance::api).toList(),
                EVENTS_PER_SECOND, MOST_COPIES);
        long loadStart = System.nanoTime();
        load.start();
        awaitFor("the load to send its first copy", () -> load.copiesSent() >= 1);
        try (Admin admin = parts.brokers().admin()) {
            progress(admin, "the load has begun");
            killBroker(admin, 2);
            progress(admin, "after the broker");
            killInstance(admin, 1);
            progress(admin, "after the instance");
            killConnect(admin);
            progress(admin, "after the Connect worker");
            Duration loadTime = Duration.ofNanos(loadStopped - loadStart);
            events = (long) copies * week.eventsPerCopy();
            for (ClusterParts.Instance instance : parts.instances()) {
                instance.api().awaitCaughtUp(WAIT);
            }
            progress(admin, "the load sent and processed");
            awaitExported(admin);
            progress(admin, "everything exported");
            watch.close();
            report(loadTime);
        }
    }

    /** Stops the load at the end of a copy, once it has sent at least {@link #FEWEST_COPIES}. */
    private void stopTheLoad() throws InterruptedException {
        awaitFor("the load to send " + FEWEST_COPIES + " copies", () -> load.copiesSent() >= FEWEST_COPIES);
        copies = load.stopAfterThisCopy(WAIT);
        loadStopped = System.nanoTime();
    }

    /**
     * Waits until both connectors have written every report row there is. Rows still follow the last input for a few
     * seconds (changed cells are passed on every 2 s), so the end is taken again after each wait until it stays put.
     */
    private void awaitExported(Admin admin) throws Exception {
        FreshnessMark written = FreshnessMark.of(admin, List.of(topics.reportRows()), true);
        while (true) {
            FreshnessMark mark = written;
            awaitFor("the export of every report row", () -> {
                for (String connector : parts.connect().connectorNames()) {
                    if (!mark.reachedBy(admin, ConnectWorker.groupOf(connector), 1)) {
                        return false;
                    }
                }
                return true;
            }, () -> exportState(admin, mark));
            pause(Duration.ofSeconds(5));
            written = FreshnessMark.of(admin, List.of(topics.reportRows()), true);
            if (written.equals(mark)) {
                return;
            }
        }
    }

    private String exportState(Admin admin, FreshnessMark written) throws Exception {
        StringBuilder state = new StringBuilder("; running: " + parts.connect().running() + ", of the "
                + written.records() + " report-rows offsets, not exported yet:");
        for (String connector : parts.connect().connectorNames()) {
            state.append(' ').append(connector).append(' ')
                    .append(written.behind(admin, ConnectWorker.groupOf(connector), 1));
        }
        return state.toString();
    }

    private void killBroker(Admin admin, int id) throws Exception {
        ChildJvm broker = parts.brokers().node(id).jvm();
        long killed = System.nanoTime();
        down.add(broker);
        broker.kill();
        pause(BROKER_DOWN);
        FreshnessMark written = FreshnessMark.of(admin, topics.inputEvents(), false);
        long restarted = System.nanoTime();
        broker.start();
        down.remove(broker);
        awaitFor("broker-" + id + " back in every partition's in-sync replicas, and everything written before its "
                + "restart processed", () -> BrokerQuorum.fullyReplicated(admin)
                && written.reachedBy(admin, topics.applicationId(), 0),
                () -> "; fully replicated: " + BrokerQuorum.fullyReplicated(admin) + ", input records not processed "
                        + "yet of those written before the restart: " + written.behind(admin, topics.applicationId(), 0));
        record("broker-" + id, killed, restarted, System.nanoTime());
    }

    private void killInstance(Admin admin, int index) throws Exception {
        ClusterParts.Instance victim = parts.instance(index);
        int survivor = 1 - index;
        load.leaveOut(index);
        java.time.Instant killedAt = java.time.Instant.now();
        long killed = System.nanoTime();
        down.add(victim.jvm());
        victim.jvm().kill();
        awaitFor(parts.instance(survivor).name() + " to answer the whole report again for " + STEADY.toSeconds()
                + " s after " + victim.name() + " was killed", () -> {
                    long now = System.nanoTime();
                    long again = watch.answeringAgain(survivor, killed, now);
                    boolean noticed = watch.unavailable(survivor, killed, now).total().compareTo(Duration.ZERO) > 0
                            || now - killed > SessionTimeout.DEFAULT.duration().plusSeconds(5).toNanos();
                    return noticed && again > 0 && now - again >= STEADY.toNanos();
                });
        takeOver = Duration.ofNanos(watch.answeringAgain(survivor, killed, System.nanoTime()) - killed);
        java.time.Instant rebalanced = parts.instance(survivor).jvm().firstLogged("topology RUNNING -> REBALANCING",
                killedAt);
        noticed = rebalanced == null ? null : Duration.between(killedAt, rebalanced);
        System.out.printf(Locale.ROOT, "cluster test: %s noticed the kill -9 of %s after %s and answered the whole "
                        + "report again after %.1f s%n", parts.instance(survivor).name(), victim.name(),
                noticed == null ? "(no rebalance logged)" : String.format(Locale.ROOT, "%.1f s", seconds(noticed)),
                seconds(takeOver));
        FreshnessMark written = FreshnessMark.of(admin, topics.inputEvents(), false);
        long restarted = System.nanoTime();
        victim.jvm().start();
        down.remove(victim.jvm());
        ClusterParts.awaitReady(victim, WAIT);
        load.takeBack(index);
        // Back in service once it answers and everything written before its restart is processed. Its own work
        // comes back to it later: it first warms copies of its stores up, and Kafka Streams moves tasks to it at a
        // probing rebalance (within probing.rebalance.interval.ms, 10 minutes), whose 503s may fall in a later phase.
        awaitFor(victim.name() + " answering the report, and everything written before its restart processed",
                () -> watch.answeringSince(index, restarted, 5) > 0
                        && written.reachedBy(admin, topics.applicationId(), 0),
                () -> "; answering: " + (watch.answeringSince(index, restarted, 5) > 0) + ", input records not "
                        + "processed yet of those written before the restart: "
                        + written.behind(admin, topics.applicationId(), 0));
        record(victim.name(), killed, restarted, System.nanoTime());
    }

    private void killConnect(Admin admin) throws Exception {
        long killed = System.nanoTime();
        down.add(parts.connect().jvm());
        parts.connect().kill();
        pause(CONNECT_DOWN);
        FreshnessMark written = FreshnessMark.of(admin, List.of(topics.reportRows()), true);
        long restarted = System.nanoTime();
        parts.connect().start();
        down.remove(parts.connect().jvm());
        // The last kill is done: more load would only make the run longer.
        stopTheLoad();
        awaitFor("the Connect worker running both connectors again, and every report row written before its restart "
                + "exported", () -> {
                    if (!parts.connect().running()) {
                        return false;
                    }
                    for (String connector : parts.connect().connectorNames()) {
                        if (!written.reachedBy(admin, ConnectWorker.groupOf(connector), 1)) {
                            return false;
                        }
                    }
                    return true;
                }, () -> exportState(admin, written));
        record("connect", killed, restarted, System.nanoTime());
    }

    /** A line on how far the load, the processing and the export are, to read a slow run by. */
    private void progress(Admin admin, String when) {
        try {
            FreshnessMark input = FreshnessMark.of(admin, topics.inputEvents(), false);
            FreshnessMark rows = FreshnessMark.of(admin, List.of(topics.reportRows()), true);
            long resident = residentBytes();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "cluster test, %s, %.0f s in: %,d MiB "
                    + "resident in all JVMs; %,d events sent, %,d not processed yet; %,d report-rows offsets, not "
                    + "exported yet:", when, seconds(Duration.ofNanos(System.nanoTime() - began)), resident >> 20,
                    load.eventsSent(), input.behind(admin, topics.applicationId(), 0), rows.records()));
            for (String connector : parts.connect().connectorNames()) {
                line.append(' ').append(connector).append(' ')
                        .append(rows.behind(admin, ConnectWorker.groupOf(connector), 1));
            }
            System.out.println(line);
        } catch (Exception e) {
            System.out.println("cluster test: progress unknown: " + e);
        }
    }

    /** The resident memory of every JVM of the cluster and of this one, the peak kept. */
    private long residentBytes() {
        long resident = ChildJvm.residentBytes(ProcessHandle.current().pid());
        for (ChildJvm jvm : parts.jvms()) {
            resident += jvm.residentBytes();
        }
        peakResidentBytes = Math.max(peakResidentBytes, resident);
        return resident;
    }

    private void record(String part, long killed, long restarted, long fresh) {
        List<QueryWatch.Unavailable> unavailable = new ArrayList<>();
        for (int i = 0; i < parts.instances().size(); i++) {
            unavailable.add(watch.unavailable(i, killed, fresh));
        }
        Kill kill = new Kill(part, Duration.ofNanos(restarted - killed), Duration.ofNanos(fresh - restarted),
                unavailable);
        kills.add(kill);
        System.out.printf(Locale.ROOT, "cluster test: kill -9 of %s: down %.1f s, fresh again %.1f s after its restart,"
                + " 503 for %s%n", part, seconds(kill.down()), seconds(kill.freshAgain()), describe(unavailable));
    }

    private String describe(List<QueryWatch.Unavailable> unavailable) {
        List<String> each = new ArrayList<>();
        for (int i = 0; i < unavailable.size(); i++) {
            each.add(String.format(Locale.ROOT, "%.1f s on %s (longest %.1f s)", seconds(unavailable.get(i).total()),
                    parts.instance(i).name(), seconds(unavailable.get(i).longest())));
        }
        return String.join(", ", each);
    }

    private void report(Duration loadTime) throws java.io.IOException {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%ncluster test: %,d events (the week and %d "
                        + "copies of it) sent in %.0f s through 2 instances on 3 brokers, while these were killed:%n",
                events + ConformanceCopies.linesOfTheWeek(), copies, seconds(loadTime)));
        out.append(String.format(Locale.ROOT, "  %-14s %10s %22s %20s %20s%n", "kill -9 of", "down",
                "fresh after restart", "503 on deskstream-1", "503 on deskstream-2"));
        for (Kill kill : kills) {
            out.append(String.format(Locale.ROOT, "  %-14s %8.1f s %20.1f s %18.1f s %18.1f s%n", kill.part(),
                    seconds(kill.down()), seconds(kill.freshAgain()), seconds(kill.unavailable().get(0).total()),
                    seconds(kill.unavailable().get(1).total())));
        }
        out.append(String.format(Locale.ROOT, "  take-over after kill -9 of deskstream-2: noticed after %s, the whole "
                        + "report answered again after %.1f s (--session-timeout %d s); portions of events sent again: "
                        + "%d%n", noticed == null ? "?" : String.format(Locale.ROOT, "%.1f s", seconds(noticed)),
                seconds(takeOver), SessionTimeout.DEFAULT.duration().toSeconds(), load.portionsSentAgain()));
        out.append(String.format(Locale.ROOT, "  the most memory resident in all JVMs at once (this one included), "
                + "of the moments sampled: %,d MiB%n", peakResidentBytes >> 20));
        System.out.print(out);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private void pause(Duration duration) throws InterruptedException {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            load.requireHealthy();
            Thread.sleep(200);
        }
    }

    /**
     * Waits for {@code condition}, up to {@link #WAIT}, failing at once when a process that should run has died or
     * the load has given up, and naming what it waited for when time runs out.
     */
    private void awaitFor(String what, Condition condition) throws InterruptedException {
        awaitFor(what, condition, () -> "");
    }

    /** As above, with {@code state} saying where things stand when time runs out. */
    private void awaitFor(String what, Condition condition, State state) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (load != null) {
                load.requireHealthy();
            }
            parts.jvms().stream().filter(jvm -> !down.contains(jvm)).forEach(ChildJvm::requireAlive);
            residentBytes();
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (Exception notYet) {
                last = notYet;
            }
            Thread.sleep(250);
        }
        String now;
        try {
            now = state.now();
        } catch (Exception e) {
            now = "(" + e + ")";
        }
        throw new AssertionError("waited " + WAIT.toMinutes() + " minutes for " + what + " in vain" + now
                + (last == null ? "" : "; last error: " + last));
    }

    /** From the kill -9 of an instance until the other answered the whole report again, for good. */
    Duration takeOver() {
        return takeOver;
    }

    /**
     * From the kill -9 of an instance until the other began to rebalance: the group noticed the silence (the session
     * timeout); null if no rebalance was logged.
     */
    Duration noticed() {
        return noticed;
    }

    int copies() {
        return copies;
    }

    List<Kill> kills() {
        return kills;
    }
}
