package io.deskstream.launcher;

import java.util.List;

import io.deskstream.api.status.ExportState;

/**
 * The export of this process, as the status shows it: set once its Connect worker has started (the HTTP port opens
 * before, and shows no connectors until then).
 */
final class LiveExport implements ExportState {

    private volatile ExportWorker worker;

    void started(ExportWorker running) {
        worker = running;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public List<Connector> connectors() {
        ExportWorker now = worker;
        return now == null ? List.of() : now.connectors();
    }
}
