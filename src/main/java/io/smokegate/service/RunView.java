package io.smokegate.service;

import io.smokegate.run.RunReport;
import io.smokegate.run.RunTicket;

/** A run as the API shows it: still queued or running, or finished and stored. */
public sealed interface RunView {

    record Active(RunTicket ticket) implements RunView {
    }

    record Finished(RunReport report) implements RunView {
    }
}
