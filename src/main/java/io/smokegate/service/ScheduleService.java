package io.smokegate.service;

import io.smokegate.checklist.ChecklistCatalog;
import io.smokegate.metrics.SmokegateMetrics;
import io.smokegate.run.RunRejectedException;
import io.smokegate.schedule.Schedule;
import io.smokegate.schedule.ScheduleOverride;
import io.smokegate.schedule.Scheduler;
import io.smokegate.store.ScheduleStore;
import io.smokegate.store.StoreException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the scheduler runs and when: each checklist's own schedule unless an override set through the API (and
 * stored, so every replica sees it) replaces it or switches it off. Blocking methods: call them off the event loop.
 */
public final class ScheduleService {

    /** The trigger of the runs the scheduler starts. */
    public static final String TRIGGER = "schedule";


    private static final Logger LOG = Logger.getLogger(ScheduleService.class.getName());
    private static final Duration OVERRIDES_REFRESH = Duration.ofSeconds(10);

    private final ChecklistCatalog catalog;
    private final RunService runs;
    private final ScheduleStore store;
    private final AuditTrail audit;
    private final SmokegateMetrics metrics;
    private Map<String, ScheduleOverride> overrides = Map.of();
    private Instant overridesReadAt = Instant.EPOCH;

    public ScheduleService(ChecklistCatalog catalog, RunService runs, ScheduleStore store, AuditTrail audit,
                           SmokegateMetrics metrics) {
        this.catalog = catalog;
        this.runs = runs;
        this.store = store;
        this.audit = audit;
        this.metrics = metrics;
    }

    /** What the scheduler should run: each checklist's own schedule, unless an override replaces or disables it. */
    public Map<String, Schedule> effectiveSchedules() {
        Map<String, ScheduleOverride> current = overrides();
        Map<String, Schedule> out = new LinkedHashMap<>();
        try {
            for (ChecklistCatalog.Entry e : catalog.entries()) {
                if (!e.valid()) {
                    continue;
                }
                String name = e.checklist().name();
                ScheduleOverride override = current.get(name);
                if (override instanceof ScheduleOverride.Unreadable unreadable) {
                    LOG.log(Level.WARNING, "ignoring unreadable schedule override: " + unreadable.why(),
                            new Object[] {"checklist=" + name});
                }
                Schedule schedule = override == null ? e.checklist().schedule() : override.schedule();
                if (schedule != null) {
                    out.put(name, schedule);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list checklists for scheduling: " + e.getMessage());
        }
        return out;
    }

    /** Called by the scheduler: start a run unless one of the same checklist is still going. */
    public Scheduler.Fired fireScheduled(String checklistName) {
        if (runs.isActive(checklistName)) {
            metrics.scheduleSkipped(checklistName);
            return Scheduler.Fired.SKIPPED_STILL_RUNNING;
        }
        try {
            runs.start(checklistName, TRIGGER, "scheduler");
            return Scheduler.Fired.STARTED;
        } catch (IOException | NotFoundException | InvalidChecklistException | RunRejectedException e) {
            LOG.log(Level.WARNING, "scheduled run not started: " + e.getMessage(), new Object[] {"checklist=" + checklistName});
            return Scheduler.Fired.REJECTED;
        }
    }

    /** Replaces or disables scheduling of an existing checklist for every replica. */
    public void override(String checklistName, ScheduleOverride override, String requestedBy) throws IOException,
            NotFoundException, InvalidChecklistException, StoreException {
        runs.checklist(checklistName);
        store.put(checklistName, override);
        refreshOverrides();
        audit.record(requestedBy, "schedule.set", checklistName, switch (override) {
            case ScheduleOverride.Replaced r -> Map.copyOf(r.schedule().describe());
            case ScheduleOverride.Disabled d -> Map.of("enabled", false);
            case ScheduleOverride.Unreadable u -> throw new IllegalArgumentException("an unreadable override is not set");
        });
    }

    public boolean clearOverride(String checklistName, String requestedBy) throws StoreException {
        boolean removed = store.remove(checklistName);
        refreshOverrides();
        if (removed) {
            audit.record(requestedBy, "schedule.clear", checklistName, Map.of());
        }
        return removed;
    }

    /** The overrides by checklist name, as last read (at most {@link #OVERRIDES_REFRESH} ago). */
    public synchronized Map<String, ScheduleOverride> overrides() {
        if (Duration.between(overridesReadAt, Instant.now()).compareTo(OVERRIDES_REFRESH) > 0) {
            refreshOverrides();
        }
        return overrides;
    }

    private synchronized void refreshOverrides() {
        try {
            overrides = store.all();
            overridesReadAt = Instant.now();
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "cannot read schedule overrides, keeping the last known: " + e.getMessage());
        }
    }
}
