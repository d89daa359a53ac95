package io.smokegate.service;

import io.smokegate.run.RunReport;
import io.smokegate.run.RunTicket;
import io.smokegate.store.AcceptedRun;

/** A run as the API shows it: queued or running here, finished and stored, or queued or running on another replica. */
public sealed interface RunView {

    record Active(RunTicket ticket) implements RunView {
    }

    record Finished(RunReport report) implements RunView {
    }

    record Elsewhere(AcceptedRun run) implements RunView {
    }
}
