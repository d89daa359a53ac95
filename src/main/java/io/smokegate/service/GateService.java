package io.smokegate.service;

import io.smokegate.checklist.Checklist;
import io.smokegate.gate.Gate;
import io.smokegate.gate.GateException;
import io.smokegate.metrics.SmokegateMetrics;
import io.smokegate.run.RunRejectedException;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunTicket;
import io.smokegate.slo.PrometheusClient;
import io.smokegate.slo.Verdict;
import io.smokegate.store.StoreException;
import io.smokegate.store.VerdictStore;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Release gates for the HTTP API: run a checklist (or take a stored run), judge it, store and export
 * the verdict. Prometheus comes from the service configuration only, never from a request. Blocking
 * methods: call them off the event loop.
 */
public final class GateService {

    private static final Logger LOG = Logger.getLogger(GateService.class.getName());
    /** How long a client asking to gate a run in progress is told to wait: smoke runs take seconds. */
    private static final Duration IN_PROGRESS_RETRY = Duration.ofSeconds(5);

    private final RunService runs;
    private final VerdictStore verdicts;
    private final Gate gate;
    private final PrometheusClient prometheus;
    private final SmokegateMetrics metrics;
    private final AuditTrail audit;

    /** A run started for a gate, with the checklist it will be judged by. */
    public record Started(Checklist checklist, RunTicket ticket) {
    }

    /** A verdict on a run. */
    public record Judged(RunReport run, Verdict verdict) {
    }

    /** @param prometheus null when the service has none configured */
    public GateService(RunService runs, VerdictStore verdicts, Gate gate, PrometheusClient prometheus,
                       SmokegateMetrics metrics, AuditTrail audit) {
        this.runs = runs;
        this.verdicts = verdicts;
        this.gate = gate;
        this.prometheus = prometheus;
        this.metrics = metrics;
        this.audit = audit;
    }

    /** Starts a run to gate; a checklist that cannot be judged is refused before anything runs. */
    public Started start(String checklistName, String requestedBy) throws IOException, NotFoundException,
            InvalidChecklistException, GateException, RunRejectedException {
        return start(checklistName, "gate", requestedBy);
    }

    /** {@link #start(String, String)} with the run's trigger, e.g. "analysis" for the measurements of an analysis. */
    public Started start(String checklistName, String trigger, String requestedBy) throws IOException, NotFoundException,
            InvalidChecklistException, GateException, RunRejectedException {
        Checklist checklist = judgeable(checklistName);
        return new Started(checklist, runs.start(checklistName, trigger, requestedBy));
    }

    /** The checklist of that name if it can be judged here (it has an SLO, and Prometheus if it needs one); runs nothing. */
    public Checklist judgeable(String checklistName) throws IOException, NotFoundException, InvalidChecklistException,
            GateException {
        Checklist checklist = runs.checklist(checklistName);
        Gate.requireJudgeable(checklist, prometheus != null);
        return checklist;
    }

    public Verdict judge(Checklist checklist, RunReport run, Duration window, String requestedBy)
            throws GateException, StoreException {
        return judge(checklist, run, window, requestedBy, Map.of());
    }

    /** @param about what the audit event also records of who asked, such as the Flagger canary behind a webhook */
    public Verdict judge(Checklist checklist, RunReport run, Duration window, String requestedBy, Map<String, String> about)
            throws GateException, StoreException {
        Verdict verdict = gate.judge(checklist, run, prometheus, window);
        Map<String, Object> detail = new LinkedHashMap<>(about);
        detail.put("checklist", checklist.name());
        detail.put("runId", run.runId());
        detail.put("result", verdict.result().label());
        audit.record(requestedBy, "gate.evaluate", verdict.id(), detail);
        Gate.record(metrics, verdict);
        OptionalDouble score = verdict.evaluation().judgedScore();
        LOG.log(Level.INFO, "gate judged", new Object[] {"verdictId=" + verdict.id(), "checklist=" + verdict.checklist(),
            "runId=" + run.runId(), "result=" + verdict.result().label(),
            "score=" + (score.isPresent() ? Math.round(score.getAsDouble() * 100) / 100.0 : "none")});
        return verdict;
    }

    /** Judges a stored run by the current SLO of its checklist; one still in progress cannot be judged yet. */
    public Judged judgeStored(String runId, Duration window, String requestedBy) throws StoreException, IOException,
            NotFoundException, InvalidChecklistException, GateException, RunInProgressException {
        RunReport run = switch (runs.run(runId).orElseThrow(() -> new NotFoundException("no run with id " + runId))) {
            case RunView.Finished finished -> finished.report();
            case RunView.Active active -> throw inProgress(runId, active.ticket().state() == RunTicket.State.QUEUED);
            case RunView.Elsewhere elsewhere -> throw inProgress(runId, !elsewhere.run().running());
        };
        Checklist checklist = runs.checklist(run.checklist());
        return new Judged(run, judge(checklist, run, window, requestedBy));
    }

    private static RunInProgressException inProgress(String runId, boolean queued) {
        return new RunInProgressException("run " + runId + " is still " + (queued ? "queued" : "running")
                + "; gate it once it has finished", IN_PROGRESS_RETRY);
    }

    public Optional<VerdictStore.Stored> verdict(String id) throws StoreException {
        return verdicts.find(id);
    }

    public List<VerdictStore.Stored> verdicts(String checklist, int limit) throws StoreException {
        return verdicts.list(checklist, limit);
    }
}
