package io.deskstream.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Java main class in a JVM of its own, its output appended to a log file of its own: started, killed with
 * {@code kill -9} and started again exactly as it was.
 */
final class ChildJvm {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    /**
     * @param classpath   the classes it runs with; {@link #testClasspath()} for this JVM's own
     * @param environment variables added to this JVM's environment
     */
    ChildJvm(String name, List<String> jvmOptions, String classpath, String mainClass, List<String> arguments,
             Map<String, String> environment, Path log) {
        this.name = name;
        this.command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(arguments);
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    static String testClasspath() {
        return System.getProperty("java.class.path");
    }

    /** The java command of this JVM, so that the child runs on the same Java. */
    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    synchronized void start() throws IOException {
        if (alive()) {
            throw new IllegalStateException(name + " is already running");
        }
        Files.writeString(log, "---- " + name + " started at " + Instant.now() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** Fails with the end of the log if the JVM has exited: a child that dies must not pass for a slow one. */
    synchronized void requireAlive() {
        if (process != null && !process.isAlive()) {
            throw new AssertionError(name + " exited with " + process.exitValue() + "; the end of " + log + ":\n"
                    + tail(40));
        }
    }

    /** {@code kill -9}: SIGKILL, so no shutdown hook runs and nothing is closed or left cleanly. Waits until gone. */
    synchronized void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " (pid " + process.pid() + ") is still running 30 s after SIGKILL");
        }
    }

    /** Waits for the end of a tool started with {@link #start()}, failing with its output unless it exits 0. */
    void awaitEnd(Duration timeout) throws InterruptedException {
        Process running;
        synchronized (this) {
            running = process;
        }
        if (!running.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            kill();
            throw new AssertionError(name + " did not finish within " + timeout + ":\n" + tail(40));
        }
        if (running.exitValue() != 0) {
            throw new AssertionError(name + " exited with " + running.exitValue() + ":\n" + tail(40));
        }
    }

    /**
     * The JVM's resident memory now, from {@code /proc} (Linux); 0 when it is not running or that is not there.
     */
    synchronized long residentBytes() {
        return process == null || !process.isAlive() ? 0 : residentBytes(process.pid());
    }

    /** The resident memory of process {@code pid}, from {@code /proc/PID/status} (Linux), else 0. */
    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            return 0;
        } catch (IOException | RuntimeException notLinux) {
            return 0;
        }
    }

    /**
     * When the log first says {@code text} after {@code after}, by the ISO 8601 time that starts its lines (as the
     * cluster test's log configuration writes them), or null if it has not.
     */
    Instant firstLogged(String text, Instant after) {
        try {
            for (String line : new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList()) {
                int space = line.indexOf(' ');
                if (space < 0 || !line.contains(text)) {
                    continue;
                }
                try {
                    Instant at = java.time.OffsetDateTime.parse(line.substring(0, space)).toInstant();
                    if (at.isAfter(after)) {
                        return at;
                    }
                } catch (java.time.format.DateTimeParseException notATimedLine) {
                    // a continuation line, or output that is not a log line
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the log, for a failure message. */
    String tail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log)";
            }
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }
}
