package io.smokegate.store;

import java.time.Instant;
import java.util.Map;

/**
 * Something a caller of the API had done: who (the name of the token), what ({@code run.start}, {@code run.cancel},
 * {@code gate.evaluate}, {@code schedule.set}, {@code schedule.clear}), to what (a run id, a checklist), when.
 *
 * @param detail a few facts about the action (the schedule that was set, the run a gate judged); never secrets
 */
public record AuditEvent(String id, Instant at, String actor, String action, String target, Map<String, Object> detail) {

    public AuditEvent {
        detail = Map.copyOf(detail);
    }
}
