package io.smokegate.service;

import io.smokegate.analysis.Analysis;
import io.smokegate.analysis.AnalysisException;
import io.smokegate.analysis.AnalysisMeasurement;
import io.smokegate.analysis.AnalysisPhase;
import io.smokegate.analysis.AnalysisSpec;
import io.smokegate.analysis.Analyst;
import io.smokegate.gate.GateException;
import io.smokegate.metrics.AnalysisMetrics;
import io.smokegate.run.RunIds;
import io.smokegate.run.RunRejectedException;
import io.smokegate.run.RunReport;
import io.smokegate.slo.GateResult;
import io.smokegate.store.AnalysisStore;
import io.smokegate.store.StoreException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Analyses over a window for the HTTP API: each one runs on its own virtual thread in the replica that started it,
 * gating its checklist at the end of every interval (a run through the queue, judged over the interval just past) and
 * storing every measurement and its end. An abort is a flag in the database, so a DELETE on any replica stops it
 * within a second. Analyses never stay running: at start-up those of dead replicas end in Error, at shutdown this
 * replica's do. Blocking methods: call them off the event loop.
 */
public final class AnalysisService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AnalysisService.class.getName());
    /** How long shutdown waits for the analyses it stopped to store their end. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final GateService gates;
    private final AnalysisStore store;
    private final AuditTrail audit;
    private final AnalysisMetrics metrics;
    private final String replicaId;
    private final Function<String, Optional<Boolean>> replicaAlive;
    private final Clock clock;
    private final Analyst analyst;
    /** The analyses running in this replica, by id. */
    private final Map<String, Thread> running = new LinkedHashMap<>();
    private volatile boolean closed;

    /**
     * @param replicaId    this replica's id, recorded as the owner of the analyses it starts
     * @param replicaAlive whether a replica (by id) still lives; empty when that cannot be told
     */
    public AnalysisService(GateService gates, AnalysisStore store, AuditTrail audit, AnalysisMetrics metrics, String replicaId,
                           Function<String, Optional<Boolean>> replicaAlive, Clock clock) {
        this.gates = gates;
        this.store = store;
        this.audit = audit;
        this.metrics = metrics;
        this.replicaId = replicaId;
        this.replicaAlive = replicaAlive;
        this.clock = clock;
        this.analyst = new Analyst(clock);
    }

    /** At start-up: the analyses that dead replicas left running end in Error; what could not be told is left alone. */
    public void recover() {
        try {
            for (AnalysisStore.Owned o : store.running()) {
                if (!o.owner().equals(replicaId) && !o.owner().equals(AnalysisStore.CLI_OWNER)
                        && replicaAlive.apply(o.owner()).equals(Optional.of(false))) {
                    Analysis a = o.analysis();
                    Analysis ended = a.finish(AnalysisPhase.ERROR, clock.instant(), "the replica running it stopped after "
                            + a.progress() + " (replica " + o.owner() + ")");
                    if (store.finish(ended)) {
                        metrics.finished(a.id(), a.spec().checklist(), AnalysisPhase.ERROR);
                        LOG.warning("analysis " + a.id() + " (" + a.spec().checklist() + ") ended in Error: " + ended.message());
                    }
                }
            }
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "cannot finish the analyses of stopped replicas: " + e.getMessage());
        }
    }

    /**
     * Starts an analysis of {@code spec} for {@code by}; a checklist that is missing or cannot be judged is refused
     * before anything is stored or run.
     *
     * @throws RunRejectedException the service is stopping
     */
    public Analysis start(AnalysisSpec spec, String by) throws IOException, NotFoundException, InvalidChecklistException,
            GateException, StoreException, RunRejectedException {
        if (closed) {
            throw new RunRejectedException("the service is stopping", null);
        }
        gates.judgeable(spec.checklist());
        Analysis started = Analysis.started(RunIds.next(), spec, by, clock.instant());
        synchronized (running) {
            if (closed) {
                throw new RunRejectedException("the service is stopping", null);
            }
            store.start(started, replicaId);
            audit.record(by, "analysis.start", started.id(), Map.of("checklist", spec.checklist(),
                    "for", AnalysisSpec.text(spec.window()), "interval", AnalysisSpec.text(spec.interval())));
            metrics.started(started.id(), spec.checklist());
            Thread thread = Thread.ofVirtual().name("analysis-" + started.id()).unstarted(() -> run(started));
            running.put(started.id(), thread);
            thread.start();
        }
        LOG.log(Level.INFO, "analysis started", new Object[] {"analysisId=" + started.id(), "checklist=" + spec.checklist(),
            "for=" + AnalysisSpec.text(spec.window()), "interval=" + AnalysisSpec.text(spec.interval()), "by=" + by});
        return started;
    }

    private void run(Analysis started) {
        try {
            analyst.run(started, (index, window) -> measure(started, index, window), new Recorder(),
                    () -> abortRequested(started.id()));
        } finally {
            synchronized (running) {
                running.remove(started.id());
            }
        }
    }

    /** Runs the checklist like a gate does and judges the run over the interval just past. */
    private AnalysisMeasurement measure(Analysis analysis, int index, Duration window)
            throws AnalysisException, InterruptedException {
        String checklist = analysis.spec().checklist();
        try {
            GateService.Started started = gates.start(checklist, Analysis.RUN_TRIGGER, analysis.startedBy());
            RunReport run = started.ticket().completion().get();
            return AnalysisMeasurement.of(index, gates.judge(started.checklist(), run, window, analysis.startedBy()));
        } catch (RunRejectedException e) {
            // A full queue is no verdict on the release: counted like a measurement Prometheus could not give.
            return new AnalysisMeasurement(index, clock.instant(), null, null, GateResult.ERROR, null,
                    "the run was not accepted: " + e.getMessage());
        } catch (NotFoundException | InvalidChecklistException | GateException e) {
            throw new AnalysisException("cannot take measurement " + index + ": " + e.getMessage());
        } catch (IOException e) {
            throw new AnalysisException("cannot take measurement " + index + ": cannot read the checklist directory: "
                    + e.getMessage());
        } catch (StoreException e) {
            throw new AnalysisException("cannot store measurement " + index + ": the database failed: " + e.getMessage());
        } catch (ExecutionException e) {
            throw new AnalysisException("cannot take measurement " + index + ": the run failed: " + e.getCause());
        }
    }

    private Optional<String> abortRequested(String id) throws AnalysisException {
        try {
            return store.abortRequestedBy(id);
        } catch (StoreException e) {
            throw new AnalysisException("cannot read whether the analysis was aborted: the database failed: " + e.getMessage());
        }
    }

    /** Stores and counts every measurement and the end. */
    private final class Recorder implements Analyst.Listener {

        @Override
        public void measured(Analysis analysis, AnalysisMeasurement m) throws AnalysisException {
            try {
                store.addMeasurement(analysis.id(), m);
            } catch (StoreException e) {
                throw new AnalysisException("cannot store measurement " + m.index() + ": the database failed: " + e.getMessage());
            }
            metrics.measured(analysis.spec().checklist(), m.outcome(analysis.spec().failOnWarning()));
        }

        @Override
        public void finished(Analysis analysis) {
            // Stopped by shutdown (an interrupt, or what it broke off): say so rather than how it was cut short.
            Analysis ended = closed && analysis.phase() == AnalysisPhase.ERROR
                    ? analysis.finish(AnalysisPhase.ERROR, analysis.finishedAt(), "the service stopped after "
                            + analysis.progress())
                    : analysis;
            // The interrupt of a shutdown must not keep the end from being stored.
            boolean interrupted = Thread.interrupted();
            AnalysisPhase phase = ended.phase();
            try {
                if (!store.finish(ended)) {
                    // Finished elsewhere, e.g. by a replica that took this one for dead: that end stands.
                    phase = store.find(ended.id()).map(o -> o.analysis().phase()).orElse(phase);
                }
            } catch (StoreException e) {
                LOG.log(Level.SEVERE, "cannot store the end of an analysis; the next start-up ends it in Error: "
                        + e.getMessage(), new Object[] {"analysisId=" + ended.id()});
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            metrics.finished(ended.id(), ended.spec().checklist(), phase);
            LOG.log(Level.INFO, "analysis finished", new Object[] {"analysisId=" + ended.id(),
                "checklist=" + ended.spec().checklist(), "phase=" + ended.phase().label(), "message=" + ended.message()});
        }
    }

    public Optional<Analysis> find(String id) throws StoreException {
        return store.find(id).map(AnalysisStore.Owned::analysis);
    }

    /** @throws IllegalArgumentException when the cursor is not one the store issued */
    public AnalysisStore.Page list(String checklist, int limit, String cursor) throws StoreException {
        return store.list(checklist, limit, cursor);
    }

    /**
     * Asks the replica running the analysis to abort it (it stops within about a second); one whose replica is dead is
     * ended here at once. Answers the analysis as it stands.
     *
     * @throws ConflictException the analysis has already finished
     */
    public Analysis abort(String id, String by) throws NotFoundException, ConflictException, StoreException {
        AnalysisStore.Owned owned = store.find(id).orElseThrow(() -> new NotFoundException("no analysis with id " + id));
        Analysis a = owned.analysis();
        if (a.phase().finished() || !store.requestAbort(id, by)) {
            Analysis now = store.find(id).map(AnalysisStore.Owned::analysis).orElse(a);
            throw new ConflictException("analysis " + id + " has already finished (" + now.phase().label()
                    + "); only a running analysis can be aborted");
        }
        audit.record(by, "analysis.abort", id, Map.of("checklist", a.spec().checklist()));
        boolean cli = owned.owner().equals(AnalysisStore.CLI_OWNER);
        if (cli || !owned.owner().equals(replicaId) && replicaAlive.apply(owned.owner()).equals(Optional.of(false))) {
            // A CLI's analysis ends here too: a running CLI sees the request within a second and agrees; a killed one
            // would otherwise leave it Running for ever.
            Analysis ended = a.finish(AnalysisPhase.ERROR, clock.instant(), "aborted by " + by + " after " + a.progress()
                    + (cli ? "" : "; the replica running it had stopped"));
            if (store.finish(ended)) {
                metrics.finished(id, a.spec().checklist(), AnalysisPhase.ERROR);
                return ended;
            }
        }
        return a;
    }

    /** Refuses new analyses and ends this replica's running ones in Error, waiting a few seconds for their ends to be stored. */
    @Override
    public void close() {
        List<Thread> stopping;
        synchronized (running) {
            closed = true;
            stopping = List.copyOf(running.values());
        }
        stopping.forEach(Thread::interrupt);
        Instant deadline = Instant.now().plus(STOP_GRACE);
        for (Thread t : stopping) {
            try {
                if (!t.join(Duration.ofMillis(Math.max(1, Duration.between(Instant.now(), deadline).toMillis())))) {
                    LOG.warning("an analysis did not stop in time; the next start-up ends it in Error");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
