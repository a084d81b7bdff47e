package io.deskstream.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.ingest.ConfigurationWriter;
import io.deskstream.ingest.EventPublisher;
import io.deskstream.schemas.json.CanonicalEventParser;
import io.deskstream.schemas.json.DepartmentJson;
import io.deskstream.schemas.json.InvalidInputException;
import io.deskstream.schemas.json.RoutingRuleJson;
import io.deskstream.simulator.BikeShopHelpDesk;
import io.deskstream.simulator.HelpDeskSimulation;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the demo: configures the bike shop's departments and rules once, writes the history, then sends the
 * simulated events of every passing second. Events go through the same parser as any ingested event.
 *
 * <p>Where the simulation got to is kept in {@code DATA_DIR/simulator.properties}, so a restart continues from there
 * (with a new seed, hence new conversation ids) instead of writing the history again.
 */
final class SimulatorFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorFeed.class);
    private static final String STATE_FILE = "simulator.properties";
    private static final Duration BACKFILL_STEP = Duration.ofHours(1);

    private final HelpDeskSimulation simulation;
    private final EventPublisher publisher;
    private final CanonicalEventParser parser = new CanonicalEventParser();
    private final Path stateFile;
    private final Instant historyFrom;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "deskstream-simulator");
        t.setDaemon(true);
        return t;
    });
    /** Written by the feed's thread only; read by others. */
    private volatile long sent;
    private long ticks;

    private SimulatorFeed(HelpDeskSimulation simulation, EventPublisher publisher, Path stateFile,
                          Instant historyFrom) {
        this.simulation = simulation;
        this.publisher = publisher;
        this.stateFile = stateFile;
        this.historyFrom = historyFrom;
    }

    /**
     * Configures the shop if need be and readies the simulation from where the last run got to; nothing is sent
     * before {@link #start}.
     */
    static SimulatorFeed prepare(DeskstreamProcess process, SimulatorSettings settings) throws Exception {
        BikeShopHelpDesk desk = new BikeShopHelpDesk();
        configureOnce(process, desk);
        Path stateFile = process.settings().dataDir().resolve(STATE_FILE);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant start = resumeFrom(stateFile).orElse(now.minus(Duration.ofDays(settings.historyDays())));
        Instant earliest = now.minus(Duration.ofDays(settings.historyDays()));
        if (start.isBefore(earliest)) {
            start = earliest;
        }
        long seed = settings.seed() != null ? settings.seed() : ThreadLocalRandom.current().nextLong();
        HelpDeskSimulation simulation = new HelpDeskSimulation(seed, start, settings.eventsPerSecond(), desk);
        EventPublisher publisher = new EventPublisher(process.kafkaConnection(), process.recordSerializer(),
                process.settings().topics());
        return new SimulatorFeed(simulation, publisher, stateFile, start);
    }

    /**
     * Writes the history in the background, with its progress line, then the events of every passing second: the
     * feed's one thread does both in turn, so the seconds wait for the history and then catch up.
     */
    void start() {
        ticker.execute(() -> {
            try {
                backfill(historyFrom, Instant.now().truncatedTo(ChronoUnit.MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (ticker.isShutdown()) {
                    return; // stopped while writing: what was written counts, and the next start goes on from there
                }
                LOG.warn("the simulator could not write its history: {}", e.getMessage());
            }
        });
        ticker.scheduleAtFixedRate(this::sendUpToNow, 1, 1, TimeUnit.SECONDS);
    }

    /** Writes the shop's departments and rules unless departments are configured already (then they are the user's). */
    private static void configureOnce(DeskstreamProcess process, BikeShopHelpDesk desk) throws InvalidInputException {
        if (!ConfiguredDepartments.read(process.kafkaConnection(), process.settings().topics().departments()).isEmpty()) {
            return;
        }
        try (ConfigurationWriter writer = new ConfigurationWriter(process.kafkaConnection(),
                process.recordSerializer(), process.settings().topicLayout())) {
            for (ObjectNode department : desk.departments()) {
                writer.put(DepartmentJson.parse(department));
            }
            for (ObjectNode rule : desk.routingRules()) {
                writer.put(RoutingRuleJson.parse(rule));
            }
        }
        System.out.printf("Configured the bike shop: %d departments, %d routing rules.%n",
                desk.departments().size(), desk.routingRules().size());
    }


    private void backfill(Instant from, Instant to) throws InterruptedException {
        long hours = Math.max(1, Duration.between(from, to).toHours());
        if (Duration.between(from, to).compareTo(Duration.ofMinutes(1)) < 0) {
            return;
        }
        PrintStream out = System.out;
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("Writing history")
                .setInitialMax(hours)
                .setUnit(" simulated hours", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .build()) {
            for (Instant until = from.plus(BACKFILL_STEP); until.isBefore(to); until = until.plus(BACKFILL_STEP)) {
                sendAll(simulation.eventsUntil(until));
                bar.step();
            }
            sendAll(simulation.eventsUntil(to));
            bar.stepTo(hours);
        }
        saveState();
        out.printf("Wrote %,d events of history from %s.%n", sent, from.truncatedTo(ChronoUnit.MINUTES));
    }

    private void sendUpToNow() {
        try {
            sendAll(simulation.eventsUntil(Instant.now()));
            if (++ticks % 10 == 0) {
                saveState();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The feed keeps going: a failed second is logged, the next one is tried.
            LOG.warn("the simulator could not send its events: {}", e.getMessage());
        }
    }

    private void sendAll(List<ObjectNode> events) throws InterruptedException {
        CompletableFuture<?>[] acks = new CompletableFuture<?>[events.size()];
        for (int i = 0; i < events.size(); i++) {
            try {
                acks[i] = publisher.publish(parser.parse(events.get(i)));
            } catch (InvalidInputException e) {
                throw new IllegalStateException("the simulator made an invalid event (" + e.getMessage() + "): "
                        + events.get(i), e);
            }
        }
        try {
            CompletableFuture.allOf(acks).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Kafka did not accept the simulated events: " + e.getCause().getMessage(),
                    e.getCause());
        }
        sent += events.size();
    }

    private static java.util.Optional<Instant> resumeFrom(Path stateFile) throws IOException {
        if (!Files.exists(stateFile)) {
            return java.util.Optional.empty();
        }
        Properties state = new Properties();
        try (var reader = Files.newBufferedReader(stateFile, StandardCharsets.UTF_8)) {
            state.load(reader);
        }
        String until = state.getProperty("simulatedUntil");
        return until == null ? java.util.Optional.empty() : java.util.Optional.of(Instant.parse(until));
    }

    private void saveState() {
        Properties state = new Properties();
        state.setProperty("simulatedUntil", simulation.simulatedUntil().toString());
        Path temporary = stateFile.resolveSibling(STATE_FILE + ".tmp");
        try (var writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            state.store(writer, "where the demo's simulated help desk got to");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.move(temporary, stateFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long sent() {
        return sent;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            saveState();
        } catch (UncheckedIOException e) {
            LOG.warn("could not save where the simulator got to: {}", e.getMessage());
        }
        publisher.close();
    }
}
