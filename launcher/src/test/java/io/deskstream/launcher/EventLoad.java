package io.deskstream.launcher;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends copies of the conformance week ({@link ConformanceCopies}) through the API of the instances, one copy after
 * another at a steady rate, until stopped between two copies: a client that keeps sending while parts of the cluster
 * are killed. A portion that is not accepted (the instance went away, Kafka timed out) is sent again, as a client
 * would; an instance can be left out while it is killed.
 */
final class EventLoad {

    private static final int LINES_PER_PORTION = 2_000;
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);

    private final ConformanceCopies copies;
    private final List<ApiClient> instances;
    private final int eventsPerSecond;
    private final int maximumCopies;
    private final Set<Integer> leftOut = ConcurrentHashMap.newKeySet();
    private final Object sending = new Object();
    private final AtomicLong eventsSent = new AtomicLong();
    private final AtomicLong portionsSentAgain = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile int copiesSent;
    private volatile Throwable failure;
    private int next;

    EventLoad(ConformanceCopies copies, List<ApiClient> instances, int eventsPerSecond, int maximumCopies) {
        this.copies = copies;
        this.instances = instances;
        this.eventsPerSecond = eventsPerSecond;
        this.maximumCopies = maximumCopies;
        this.thread = new Thread(this::run, "cluster-test-load");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long start = System.nanoTime();
        try {
            for (int copy = 1; copy <= maximumCopies && !stopping; copy++) {
                for (String portion : copies.copy(copy, LINES_PER_PORTION)) {
                    send(portion);
                    long sent = eventsSent.addAndGet(portion.lines().count());
                    long due = start + (long) (sent * 1e9 / eventsPerSecond);
                    long early = due - System.nanoTime();
                    if (early > 0) {
                        Thread.sleep(early / 1_000_000, (int) (early % 1_000_000));
                    }
                }
                copiesSent = copy;
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    private void send(String portion) throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        String last = "";
        boolean again = false;
        while (System.nanoTime() < deadline) {
            synchronized (sending) {
                ApiClient instance = nextInstance();
                try {
                    ApiClient.Answer answer = instance.post("/api/v1/events", portion);
                    if (answer.status() == 202) {
                        if (again) {
                            portionsSentAgain.incrementAndGet();
                        }
                        return;
                    }
                    last = instance.baseUrl() + " answered " + answer.status() + ": " + answer.body();
                } catch (AssertionError noAnswer) {
                    last = instance.baseUrl() + ": " + noAnswer.getMessage();
                }
            }
            again = true;
            Thread.sleep(500);
        }
        throw new AssertionError("a portion of events was not accepted within " + GIVE_UP_AFTER + "; last: " + last);
    }

    private ApiClient nextInstance() {
        for (int i = 0; i < instances.size(); i++) {
            int candidate = next++ % instances.size();
            if (!leftOut.contains(candidate)) {
                return instances.get(candidate);
            }
        }
        throw new IllegalStateException("every instance is left out");
    }

    /** Sends nothing more to instance {@code index}, and returns once a request to it in flight has its answer. */
    void leaveOut(int index) {
        leftOut.add(index);
        synchronized (sending) {
            // nothing: holding the lock means no request is in flight
        }
    }

    void takeBack(int index) {
        leftOut.remove(index);
    }

    boolean running() {
        return thread.isAlive();
    }

    /** Stops after the copy being sent, and returns how many copies were sent whole. */
    int stopAfterThisCopy(Duration timeout) throws InterruptedException {
        stopping = true;
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new AssertionError("the load did not finish its copy within " + timeout);
        }
        if (failure != null) {
            throw new AssertionError("the load failed: " + failure, failure);
        }
        return copiesSent;
    }

    long eventsSent() {
        return eventsSent.get();
    }

    int copiesSent() {
        return copiesSent;
    }

    long portionsSentAgain() {
        return portionsSentAgain.get();
    }

    /** The load's failure so far, to stop waiting for the cluster when the load itself has given up. */
    void requireHealthy() {
        if (failure != null) {
            throw new AssertionError("the load failed: " + failure, failure);
        }
    }
}
