package io.smokegate.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.checklist.Checklist;
import io.smokegate.checklist.ChecklistCatalog;
import io.smokegate.input.Problem;
import io.smokegate.metrics.SmokegateMetrics;
import io.smokegate.report.JsonReport;
import io.smokegate.run.RunQueue;
import io.smokegate.run.RunRejectedException;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunTicket;
import io.smokegate.schedule.Schedule;
import io.smokegate.schedule.Scheduler;
import io.smokegate.slo.SloSpec;
import io.smokegate.store.RunPage;
import io.smokegate.store.RunQuery;
import io.smokegate.store.RunStore;
import io.smokegate.store.ScheduleStore;
import io.smokegate.store.StoreException;
import java.io.IOException;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the HTTP API and the scheduler do, in one place: find checklists, start, watch, list and cancel
 * runs, and manage schedules. Finished runs go to the store and to the metrics here. Methods that touch
 * the database or the file system block: call them off the event loop.
 */
public final class SmokegateService {

    private static final Logger LOG = Logger.getLogger(SmokegateService.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STORE_ATTEMPTS = 3;
    private static final Duration OVERRIDES_REFRESH = Duration.ofSeconds(10);

    /** A schedule override that turns scheduling off for a checklist. */
    public static final String DISABLED = "{\"enabled\":false}";

    private final ChecklistCatalog catalog;
    private final RunStore runs;
    private final RunLedger ledger;
    private final AuditTrail audit;
    private final ScheduleStore scheduleStore;
    private final SmokegateMetrics metrics;
    private RunQueue queue;
    private Map<String, String> overrides = Map.of();
    private Instant overridesReadAt = Instant.EPOCH;

    public SmokegateService(ChecklistCatalog catalog, RunStore runs, RunLedger ledger, AuditTrail audit,
                            ScheduleStore scheduleStore, SmokegateMetrics metrics) {
        this.catalog = catalog;
        this.runs = runs;
        this.ledger = ledger;
        this.audit = audit;
        this.scheduleStore = scheduleStore;
        this.metrics = metrics;
    }

    /** The queue calls back into {@link #finished}, so it is attached after construction. */
    public void attach(RunQueue runQueue) {
        this.queue = runQueue;
        metrics.watchQueue(runQueue::queued, runQueue::running);
    }

    public List<ChecklistCatalog.Entry> checklists() throws IOException {
        return catalog.entries();
    }

    /** The directory checklists are read from; API answers name files relative to it. */
    public Path checklistDirectory() {
        return catalog.directory();
    }

    /**
     * The valid checklist of that name; a file of that name ({@code NAME.yaml}) that does not load is invalid,
     * not missing, so the caller learns what to fix. Messages name no directory: API callers need not know the
     * server's layout (its log says it at start).
     */
    public Checklist checklist(String name) throws IOException, NotFoundException, InvalidChecklistException {
        List<ChecklistCatalog.Entry> entries = catalog.entries();
        for (ChecklistCatalog.Entry e : entries) {
            if (e.valid() && e.checklist().name().equals(name)) {
                return e.checklist();
            }
        }
        for (ChecklistCatalog.Entry e : entries) {
            String file = e.file().getFileName().toString();
            if (!e.valid() && file.replaceFirst("\\.ya?ml$", "").equals(name)) {
                throw new InvalidChecklistException(name, file, e.problems().stream().map(Problem::format).toList());
            }
        }
        throw new NotFoundException("no checklist named '" + name + "' in the checklist directory");
    }

    /** @param requestedBy the name of the API token that asked, or the component that started the run */
    public RunTicket start(String checklistName, String trigger, String requestedBy) throws IOException,
            NotFoundException, InvalidChecklistException, RunRejectedException {
        Checklist checklist = checklist(checklistName);
        checklist.optionalSlo().flatMap(SloSpec::availability)
                .ifPresent(objective -> metrics.recordSloObjective(checklist.name(), objective));
        try {
            RunTicket ticket = queue.submit(checklist, trigger, requestedBy);
            if (!trigger.equals("schedule")) {
                audit.record(requestedBy, "run.start", ticket.runId(), Map.of("checklist", checklist.name(), "trigger", trigger));
            }
            return ticket;
        } catch (RunRejectedException e) {
            metrics.runRejected();
            throw e;
        }
    }

    public Optional<RunView> run(String runId) throws StoreException {
        Optional<RunTicket> active = queue.find(runId);
        if (active.isPresent()) {
            return Optional.of(new RunView.Active(active.get()));
        }
        Optional<RunView> finished = runs.find(runId).map(RunView.Finished::new);
        return finished.isPresent() ? finished : ledger.find(runId).map(RunView.Elsewhere::new);
    }

    public java.util.Collection<RunTicket> activeRuns() {
        return queue.active();
    }

    public RunPage runs(RunQuery query) throws StoreException {
        return runs.list(query);
    }

    /** What became of a request to cancel a run. */
    public enum Cancel { CANCELLING, ALREADY_FINISHED, OWNED_ELSEWHERE }

    /** Cancels an active run of this replica; finished runs and other replicas' runs are left alone; unknown ones are not found. */
    public Cancel cancel(String runId, String requestedBy) throws StoreException, NotFoundException {
        if (queue.cancel(runId, "cancelled through the API by " + requestedBy)) {
            audit.record(requestedBy, "run.cancel", runId, Map.of());
            return Cancel.CANCELLING;
        }
        if (runs.find(runId).isPresent()) {
            return Cancel.ALREADY_FINISHED;
        }
        if (ledger.find(runId).isPresent()) {
            return Cancel.OWNED_ELSEWHERE;
        }
        throw new NotFoundException("no run with id " + runId);
    }

    /** Receives each finished run from the queue: metrics first (cannot fail), then the store, retried. */
    public void finished(RunReport report) {
        metrics.record(report);
        for (int attempt = 1; ; attempt++) {
            try {
                runs.save(report);
                break;
            } catch (StoreException e) {
                metrics.storeError();
                if (attempt == STORE_ATTEMPTS) {
                    // Last resort so the result survives: the whole report goes to the log.
                    LOG.log(Level.SEVERE, "run could not be stored; full report follows", new Object[] {
                        "runId=" + report.runId(), "error=" + e.getMessage(), "report=" + JsonReport.compact(report)});
                    return;
                }
                sleep(Duration.ofMillis(500L * attempt));
            }
        }
        LOG.log(Level.INFO, "run finished", new Object[] {"runId=" + report.runId(), "checklist=" + report.checklist(),
            "status=" + report.status().label(), "trigger=" + report.trigger(), "durationMs=" + report.duration().toMillis()});
    }

    /** What the scheduler should run: each checklist's own schedule, unless an override replaces or disables it. */
    public Map<String, Schedule> effectiveSchedules() {
        Map<String, String> current = overrides();
        Map<String, Schedule> out = new LinkedHashMap<>();
        try {
            for (ChecklistCatalog.Entry e : catalog.entries()) {
                if (!e.valid()) {
                    continue;
                }
                String name = e.checklist().name();
                String override = current.get(name);
                Schedule schedule = override == null ? e.checklist().schedule() : parseOverride(name, override);
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
        if (queue.isActive(checklistName)) {
            metrics.scheduleSkipped(checklistName);
            return Scheduler.Fired.SKIPPED_STILL_RUNNING;
        }
        try {
            start(checklistName, "schedule", "scheduler");
            return Scheduler.Fired.STARTED;
        } catch (IOException | NotFoundException | InvalidChecklistException | RunRejectedException e) {
            LOG.log(Level.WARNING, "scheduled run not started: " + e.getMessage(), new Object[] {"checklist=" + checklistName});
            return Scheduler.Fired.REJECTED;
        }
    }

    /** Sets (schedule) or disables (null) scheduling of an existing checklist for every replica. */
    public void overrideSchedule(String checklistName, Schedule schedule, String requestedBy) throws IOException,
            NotFoundException, InvalidChecklistException, StoreException {
        checklist(checklistName);
        String spec;
        try {
            spec = schedule == null ? DISABLED : JSON.writeValueAsString(schedule.describe());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        scheduleStore.put(checklistName, spec);
        refreshOverrides();
        audit.record(requestedBy, "schedule.set", checklistName,
                schedule == null ? Map.of("enabled", false) : Map.copyOf(schedule.describe()));
    }

    public boolean clearScheduleOverride(String checklistName, String requestedBy) throws StoreException {
        boolean removed = scheduleStore.remove(checklistName);
        refreshOverrides();
        if (removed) {
            audit.record(requestedBy, "schedule.clear", checklistName, Map.of());
        }
        return removed;
    }

    public Map<String, String> scheduleOverrides() {
        return overrides();
    }

    /** Why the service is not ready: the part that fails ("database", "checklists") and the details. */
    public record NotReady(String part, String detail) {
    }

    /** Ready when the database answers and the checklist directory can be read. */
    public Optional<NotReady> notReadyBecause() {
        try {
            runs.database().read(c -> {
                if (!c.isValid(2)) {
                    // A session the server ended: as a connection error (08003) the pool drops it instead of
                    // lending it to the next readiness check, and the service is not ready until it reconnects.
                    throw new SQLException("the database connection is no longer valid", "08003");
                }
                return null;
            });
        } catch (StoreException e) {
            return Optional.of(new NotReady("database", e.getMessage()));
        }
        try {
            catalog.entries();
        } catch (IOException e) {
            return Optional.of(new NotReady("checklists", e.getMessage()));
        }
        return Optional.empty();
    }

    private synchronized Map<String, String> overrides() {
        if (Duration.between(overridesReadAt, Instant.now()).compareTo(OVERRIDES_REFRESH) > 0) {
            refreshOverrides();
        }
        return overrides;
    }

    private synchronized void refreshOverrides() {
        try {
            overrides = scheduleStore.all();
            overridesReadAt = Instant.now();
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "cannot read schedule overrides, keeping the last known: " + e.getMessage());
        }
    }

    private static Schedule parseOverride(String name, String json) {
        try {
            Map<?, ?> spec = JSON.readValue(json, Map.class);
            if (Boolean.FALSE.equals(spec.get("enabled"))) {
                return null;
            }
            return Schedule.of((String) spec.get("every"), (String) spec.get("cron"), (String) spec.get("timezone"));
        } catch (JsonProcessingException | IllegalArgumentException | ClassCastException e) {
            LOG.log(Level.WARNING, "ignoring unreadable schedule override: " + e.getMessage(), new Object[] {"checklist=" + name});
            return null;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
