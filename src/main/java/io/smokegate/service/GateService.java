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
import io.smokegate.store.RunStore;
import io.smokegate.store.StoreException;
import io.smokegate.store.VerdictStore;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Release gates for the HTTP API: run a checklist (or take a stored run), judge it, store and export
 * the verdict. Prometheus comes from the service configuration only, never from a request. Blocking
 * methods: call them off the event loop.
 */
public final class GateService {

    private static final Logger LOG = Logger.getLogger(GateService.class.getName());

    private final SmokegateService runs;
    private final RunStore runStore;
    private final VerdictStore verdicts;
    private final Gate gate;
    private final PrometheusClient prometheus;
    private final SmokegateMetrics metrics;

    /** A run started for a gate, with the checklist it will be judged by. */
    public record Started(Checklist checklist, RunTicket ticket) {
    }

    /** A verdict on a run. */
    public record Judged(RunReport run, Verdict verdict) {
    }

    /** @param prometheus null when the service has none configured */
    public GateService(SmokegateService runs, RunStore runStore, VerdictStore verdicts, Gate gate,
                       PrometheusClient prometheus, SmokegateMetrics metrics) {
        this.runs = runs;
        this.runStore = runStore;
        this.verdicts = verdicts;
        this.gate = gate;
        this.prometheus = prometheus;
        this.metrics = metrics;
    }

    /** Starts a run to gate; a checklist that cannot be judged is refused before anything runs. */
    public Started start(String checklistName, String requestedBy)
            throws IOException, NotFoundException, GateException, RunRejectedException {
        Checklist checklist = runs.checklist(checklistName);
        Gate.requireJudgeable(checklist, prometheus != null);
        return new Started(checklist, runs.start(checklistName, "gate", requestedBy));
    }

    public Verdict judge(Checklist checklist, RunReport run, Duration window) throws GateException, StoreException {
        Verdict verdict = gate.judge(checklist, run, prometheus, window);
        Gate.record(metrics, verdict);
        LOG.log(Level.INFO, "gate judged", new Object[] {"verdictId=" + verdict.id(), "checklist=" + verdict.checklist(),
            "runId=" + run.runId(), "result=" + verdict.result().label(),
            "score=" + Math.round(verdict.evaluation().score() * 100) / 100.0});
        return verdict;
    }

    /** Judges a stored run by the current SLO of its checklist. */
    public Judged judgeStored(String runId, Duration window) throws StoreException, IOException, NotFoundException,
            GateException {
        RunReport run = runStore.find(runId).orElseThrow(() -> new NotFoundException("no run with id " + runId));
        Checklist checklist = runs.checklist(run.checklist());
        return new Judged(run, judge(checklist, run, window));
    }

    public Optional<VerdictStore.Stored> verdict(String id) throws StoreException {
        return verdicts.find(id);
    }

    public List<VerdictStore.Stored> verdicts(String checklist, int limit) throws StoreException {
        return verdicts.list(checklist, limit);
    }
}
