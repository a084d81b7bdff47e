package io.deskstream.api.status;

import java.time.Instant;
import java.util.List;

/**
 * The export as the status shows it: whether this process runs it, and each of its connectors now. The process that
 * runs the export gives it; the API only shows it.
 */
public interface ExportState {

    /** The export does not run in this process ({@code --no-exports}). */
    ExportState OFF = new ExportState() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public List<Connector> connectors() {
            return List.of();
        }
    };

    boolean enabled();

    /** Each connector now; empty while the export has not started yet. */
    List<Connector> connectors();

    /**
     * One connector: the export to one format.
     *
     * @param state            the connector's own state (RUNNING, FAILED, ...)
     * @param error            why it failed, or null
     * @param newestHourClosed the start of the newest hour it has closed and written, or null before the first
     */
    record Connector(String name, String format, String state, String error,
                     List<Task> tasks, Instant newestHourClosed) {

        public Connector {
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * One task of a connector.
     *
     * @param state RUNNING, FAILED, PAUSED, UNASSIGNED, ...
     * @param error why it failed, or null
     */
    record Task(int id, String state, String error) {
    }
}
