package io.smokegate.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run some replica accepted and has not finished: what {@code accepted_runs} holds.
 *
 * @param owner     the replica ({@link Replica#id()}) that queued it and will run it
 * @param startedAt null while queued
 * @param checks    the checklist's checks, so an abandoned run can still list them
 */
public record AcceptedRun(String id, String checklist, Map<String, String> labels, String trigger, String requestedBy,
                          String owner, Instant acceptedAt, Instant startedAt, List<PlannedCheck> checks) {

    /** One check of the run, as far as it is known before it ran. */
    public record PlannedCheck(String id, String type, double weight) {
    }

    public AcceptedRun {
        labels = Map.copyOf(labels);
        checks = List.copyOf(checks);
    }

    public boolean running() {
        return startedAt != null;
    }
}
