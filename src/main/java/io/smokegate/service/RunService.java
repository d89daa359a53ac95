package io.smokegate.service;

import io.smokegate.checklist.Checklist;
import io.smokegate.checklist.ChecklistCatalog;
import io.smokegate.input.Problem;
import io.smokegate.metrics.SmokegateMetrics;
import io.smokegate.run.AfterRun;
import io.smokegate.run.RunQueue;
import io.smokegate.run.RunRejectedException;
import io.smokegate.run.RunTicket;
import io.smokegate.slo.SloSpec;
import io.smokegate.store.RunPage;
import io.smokegate.store.RunQuery;
import io.smokegate.store.RunStore;
import io.smokegate.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checklists and runs for the API, the scheduler and gates: find checklists, start, find, list and cancel runs.
 * A run is found wherever it is: in this replica's queue, finished but still waiting for its store to be
 * retried, stored, or accepted by another replica. Methods that touch the database or the file system block:
 * call them off the event loop.
 */
public final class RunService {

    private final ChecklistCatalog catalog;
    private final RunQueue queue;
    private final AfterRun afterRun;
    private final RunStore runs;
    private final RunLedger ledger;
    private final AuditTrail audit;
    private final SmokegateMetrics metrics;

    /** @param afterRun the pipeline the queue hands finished runs to, asked for runs not stored yet */
    public RunService(ChecklistCatalog catalog, RunQueue queue, AfterRun afterRun, RunStore runs, RunLedger ledger,
                      AuditTrail audit, SmokegateMetrics metrics) {
        this.catalog = catalog;
        this.queue = queue;
        this.afterRun = afterRun;
        this.runs = runs;
        this.ledger = ledger;
        this.audit = audit;
        this.metrics = metrics;
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

    /** Whether a run of that checklist is queued or running on this replica. */
    public boolean isActive(String checklistName) {
        return queue.isActive(checklistName);
    }

    public Optional<RunView> run(String runId) throws StoreException {
        Optional<RunTicket> active = queue.find(runId);
        if (active.isPresent()) {
            return Optional.of(new RunView.Active(active.get()));
        }
        Optional<RunView> finished = finished(runId);
        return finished.isPresent() ? finished : ledger.find(runId).map(RunView.Elsewhere::new);
    }

    /** Stored, or finished here and waiting for its store to be retried (its accepted record is still there). */
    private Optional<RunView> finished(String runId) throws StoreException {
        Optional<RunView> unstored = afterRun.unstored(runId).map(RunView.Finished::new);
        return unstored.isPresent() ? unstored : runs.find(runId).map(RunView.Finished::new);
    }

    public Collection<RunTicket> activeRuns() {
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
        if (finished(runId).isPresent()) {
            return Cancel.ALREADY_FINISHED;
        }
        if (ledger.find(runId).isPresent()) {
            return Cancel.OWNED_ELSEWHERE;
        }
        throw new NotFoundException("no run with id " + runId);
    }
}
