package io.smokegate.service;

import io.smokegate.chaos.ChaosMesh;
import io.smokegate.chaos.ChaosScenario;
import io.smokegate.chaos.ChaosScenarioLoader;
import io.smokegate.chaos.ChaosSettings;
import io.smokegate.chaos.ExperimentControl;
import io.smokegate.chaos.ExperimentReport;
import io.smokegate.chaos.ExperimentRunner;
import io.smokegate.chaos.ExperimentVerdict;
import io.smokegate.chaos.Owner;
import io.smokegate.chaos.OwnerLiveness;
import io.smokegate.chaos.Sweeper;
import io.smokegate.check.CheckContext;
import io.smokegate.config.ChaosConfig;
import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Problem;
import io.smokegate.leader.LeaderElection;
import io.smokegate.metrics.ChaosMetrics;
import io.smokegate.run.RunRejectedException;
import io.smokegate.run.RunReport;
import io.smokegate.schedule.Scheduler;
import io.smokegate.slo.PrometheusClient;
import io.smokegate.store.ExperimentStore;
import io.smokegate.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chaos experiments in {@code serve}: started through the API or by a scenario's {@code spec.schedule}, each on a
 * virtual thread of its own, at most one per target namespace at a time. Every experiment is recorded as running when
 * it starts and stored with its report when it ends. At start a sweep removes the Chaos Mesh objects of dead owners
 * and finishes the experiments their replicas left running; at shutdown every running experiment is aborted and its
 * faults removed before the process goes.
 */
public final class ChaosService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChaosService.class.getName());
    public static final String TRIGGER_API = "api";
    public static final String TRIGGER_SCHEDULE = "schedule";
    /** How often the leader sweeps again: objects of a replica on another host are orphans once its heartbeat is stale. */
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    public static final String DISABLED = "chaos experiments are off: set chaos.enabled: true in the service config "
            + "(and point kubernetes.kubeconfig at the cluster, or run serve in it)";
    /** Beyond the removal deadline, what a stopping experiment gets to store its report. */
    private static final Duration STORE_GRACE = Duration.ofSeconds(10);

    /** An experiment under way in this process, and the phase it is in. */
    public record Running(String id, String scenario, List<String> namespaces, String startedBy, String trigger,
                          Instant startedAt, String phase) {
    }

    /** An experiment as the API shows it: running ({@code running} set) or finished ({@code stored} set). */
    public record View(Running running, ExperimentStore.Experiment stored) {
    }

    private static final class Experiment {
        final ChaosScenario scenario;
        final ExperimentRunner.Start start;
        final Instant startedAt;
        final ExperimentControl control = new ExperimentControl();
        final CompletableFuture<ExperimentReport> done = new CompletableFuture<>();
        volatile String phase = "preflight";

        Experiment(ChaosScenario scenario, ExperimentRunner.Start start, Instant startedAt) {
            this.scenario = scenario;
            this.start = start;
            this.startedAt = startedAt;
        }

        Running view() {
            return new Running(start.id(), scenario.name(), scenario.namespaces(), start.startedBy(), start.trigger(),
                    startedAt, phase);
        }
    }

    private final ChaosConfig config;
    private final ChaosSettings settings;
    private final ChaosScenarios scenarios;
    private final Supplier<ChaosMesh> mesh;
    private final CheckContext checks;
    private final PrometheusClient prometheus;
    private final Consumer<RunReport> afterEachRun;
    private final ExperimentStore store;
    private final AuditTrail audit;
    private final ChaosMetrics metrics;
    private final String replicaId;
    private final Function<String, Optional<Boolean>> replicaAlive;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Map<String, Experiment> running = new LinkedHashMap<>();
    private final ScheduledExecutorService sweeps = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("chaos-sweeps").factory());
    private boolean closed;

    /**
     * @param mesh         the cluster's Chaos Mesh; throws (a RuntimeException saying why) when Kubernetes is not
     *                     configured or not reachable
     * @param replicaAlive whether a {@code serve} replica lives, by id (see {@link RunLedger#replicaAlive})
     */
    public ChaosService(ChaosConfig config, ChaosScenarioLoader loader, Supplier<ChaosMesh> mesh, CheckContext checks,
                        PrometheusClient prometheus, Consumer<RunReport> afterEachRun, ExperimentStore store, AuditTrail audit,
                        ChaosMetrics metrics, String replicaId, Function<String, Optional<Boolean>> replicaAlive, Clock clock) {
        this.config = config;
        this.settings = settings(config);
        this.scenarios = new ChaosScenarios(config.scenariosDir(), loader, clock);
        this.mesh = mesh;
        this.checks = checks;
        this.prometheus = prometheus;
        this.afterEachRun = afterEachRun;
        this.store = store;
        this.audit = audit;
        this.metrics = metrics;
        this.replicaId = replicaId;
        this.replicaAlive = replicaAlive;
        this.clock = clock;
        // A new leader continues each scenario's schedule from its last scheduled experiment on any replica.
        this.scheduler = new Scheduler(scenarios::schedules, this::fireScheduled, clock, this::lastScheduled);
    }

    public boolean enabled() {
        return config.enabled();
    }

    /**
     * When enabled: sweeps in the background (objects of dead owners removed, experiments their replicas left running
     * finished as errors), then runs scheduled scenarios, checked every {@code tick}. Returns the sweep's completion.
     */
    public CompletableFuture<Void> start(Duration tick) {
        return start(tick, LeaderElection.alwaysLeader());
    }

    /**
     * As {@link #start(Duration)}, with the scheduled work on the leader only: it sweeps when it becomes leader (so a
     * new leader removes the faults of the one that died) and every {@link #SWEEP_EVERY} while it leads (a replica
     * on another host counts as dead only once its heartbeat is stale), and it alone fires scheduled scenarios.
     * Returns the completion of this replica's first sweep.
     */
    public CompletableFuture<Void> start(Duration tick, LeaderElection leader) {
        if (!enabled()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> swept = new CompletableFuture<>();
        leader.onChange(leading -> {
            if (leading) {
                Thread.ofVirtual().name("chaos-sweep").start(() -> sweepLogged(swept));
            }
        });
        sweeps.scheduleWithFixedDelay(() -> {
            if (leader.isLeader()) {
                sweepLogged(swept);
            }
        }, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.start(tick, leader::isLeader);
        return swept;
    }

    private void sweepLogged(CompletableFuture<Void> swept) {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the chaos sweep failed: " + e.getMessage(), e);
        } finally {
            swept.complete(null);
        }
    }

    private Optional<Instant> lastScheduled(String scenario) {
        try {
            return store.lastStart(scenario, TRIGGER_SCHEDULE);
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "cannot read when the scenario last ran; its schedule starts afresh: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Removes orphaned chaos objects and finishes the stored experiments of dead replicas; what the sweep decided. */
    public List<Sweeper.Swept> sweep() {
        finishAbandoned();
        List<Sweeper.Swept> result = new Sweeper(mesh.get(), settings, OwnerLiveness.fromThisHost(replicaAlive), clock)
                .sweep(null);
        metrics.swept(count(result, Sweeper.Decision.REMOVED), count(result, Sweeper.Decision.FAILED));
        for (Sweeper.Swept s : result) {
            if (s.decision() == Sweeper.Decision.REMOVED || s.decision() == Sweeper.Decision.FAILED) {
                LOG.log(s.decision() == Sweeper.Decision.FAILED ? Level.WARNING : Level.INFO, "chaos sweep", new Object[] {
                    "object=" + s.kind() + " " + s.namespace() + "/" + s.name(), "experiment=" + s.experiment(),
                    "owner=" + s.owner(), "decision=" + s.decision(), "message=" + s.message()});
            }
        }
        return result;
    }

    private void finishAbandoned() {
        try {
            for (ExperimentStore.Experiment e : store.running()) {
                if (!e.owner().equals(replicaId) && replicaAlive.apply(e.owner()).equals(Optional.of(false))) {
                    String message = "the smokegate replica " + e.owner() + " stopped before the experiment finished; "
                            + "the sweep at start removes what it left in the cluster";
                    store.abort(e.id(), clock.instant(), ExperimentJson.abandoned(e, message));
                    LOG.warning("chaos experiment " + e.id() + " (" + e.scenario() + ") aborted: " + message);
                }
            }
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "cannot finish the experiments of stopped replicas: " + e.getMessage());
        }
    }

    /**
     * Starts the scenario named {@code name}.
     *
     * @throws NotFoundException      no scenario has that name
     * @throws InvalidInputException  the scenario file is invalid
     * @throws ConflictException      a target namespace is busy with another experiment
     * @throws RunRejectedException   chaos is off, Kubernetes is not configured, or the service is stopping
     */
    public Running start(String name, String startedBy, String trigger) throws NotFoundException, InvalidInputException,
            ConflictException, RunRejectedException, StoreException {
        if (!enabled()) {
            throw new RunRejectedException(DISABLED, null);
        }
        ChaosScenario scenario = scenarios.find(name);
        ChaosMesh cluster;
        try {
            cluster = mesh.get();
        } catch (RuntimeException e) {
            throw new RunRejectedException("Kubernetes is not configured for chaos experiments: " + e.getMessage(), null);
        }
        Experiment experiment;
        synchronized (this) {
            if (closed) {
                throw new RunRejectedException("the service is stopping", null);
            }
            for (Experiment other : running.values()) {
                for (String ns : scenario.namespaces()) {
                    if (other.scenario.namespaces().contains(ns)) {
                        throw new ConflictException("namespace '" + ns + "' is busy: experiment " + other.start.id()
                                + " (scenario " + other.scenario.name() + ", started by " + other.start.startedBy()
                                + ") is running there; wait for it or abort it with DELETE /api/v1/chaos/experiments/"
                                + other.start.id());
                    }
                }
            }
            experiment = new Experiment(scenario, ExperimentRunner.Start.now(startedBy, trigger, Owner.thisServe(replicaId)),
                    clock.instant());
            running.put(experiment.start.id(), experiment);
        }
        try {
            store.start(experiment.start.id(), scenario.name(), scenario.namespaces(), startedBy, trigger, replicaId,
                    experiment.startedAt);
        } catch (StoreException e) {
            synchronized (this) {
                running.remove(experiment.start.id());
            }
            throw e;
        }
        audit.record(startedBy, "chaos.start", experiment.start.id(), Map.of("scenario", scenario.name(), "trigger", trigger,
                "namespaces", scenario.namespaces()));
        metrics.started(experiment.start.id(), scenario.name(), experiment.startedAt.plus(settings.maxDuration()));
        Thread.ofVirtual().name("chaos-" + experiment.start.id()).start(() -> run(cluster, experiment));
        return experiment.view();
    }

    private void run(ChaosMesh cluster, Experiment e) {
        ExperimentReport report;
        try {
            report = new ExperimentRunner(cluster, checks, prometheus, settings, clock, afterEachRun)
                    .run(e.scenario, e.start, e.control, listener(e));
        } catch (RuntimeException failure) {
            LOG.log(Level.SEVERE, "chaos experiment " + e.start.id() + " broke off", failure);
            report = new ExperimentReport(e.start.id(), e.scenario.name(), e.scenario.checklist().name(),
                    e.scenario.namespaces(), e.start.startedBy(), e.start.trigger(), e.start.owner(), e.startedAt,
                    clock.instant(), ExperimentVerdict.ERROR, "the experiment broke off: " + failure.getMessage(), List.of(),
                    List.of(), List.of(), Optional.empty(), java.util.OptionalDouble.empty(), List.of());
        }
        try {
            store.finish(report.id(), report.verdict().label(), report.finishedAt(), ExperimentJson.of(report));
        } catch (StoreException failure) {
            LOG.log(Level.WARNING, "chaos experiment " + report.id() + " could not be stored: " + failure.getMessage());
        }
        metrics.finished(finished(report));
        synchronized (this) {
            running.remove(report.id());
        }
        LOG.log(report.verdict() == ExperimentVerdict.PASS ? Level.INFO : Level.WARNING, "chaos experiment", new Object[] {
            "id=" + report.id(), "scenario=" + report.scenario(), "verdict=" + report.verdict().label(),
            "startedBy=" + report.startedBy(), "trigger=" + report.trigger(), "message=" + report.message()});
        e.done.complete(report);
    }

    private ExperimentRunner.Listener listener(Experiment e) {
        return new ExperimentRunner.Listener() {
            @Override
            public void progress(String id, String line) {
                LOG.fine(() -> "chaos experiment " + id + ": " + line);
            }

            @Override
            public void phaseStarted(String id, ExperimentReport.Phase phase) {
                e.phase = phase.label();
            }

            @Override
            public void faultsInjected(String id) {
                metrics.faultsInjected(id);
            }

            @Override
            public void faultsRemoved(String id) {
                e.phase = "removed";
                metrics.faultsRemoved(id);
            }
        };
    }

    /**
     * Aborts a running experiment: its phase ends and its faults are removed.
     *
     * @throws ConflictException the experiment already finished
     * @throws NotFoundException there is no experiment with that id
     */
    public Running abort(String id, String by) throws NotFoundException, ConflictException, StoreException {
        Experiment e;
        synchronized (this) {
            e = running.get(id);
        }
        if (e == null) {
            Optional<ExperimentStore.Experiment> stored = store.find(id);
            if (stored.isEmpty()) {
                throw new NotFoundException("no chaos experiment " + id);
            }
            if (stored.get().running()) {
                throw new ConflictException("experiment " + id + " runs in another smokegate replica (" + stored.get().owner()
                        + "); abort it there");
            }
            throw new ConflictException("experiment " + id + " already finished (verdict " + stored.get().verdict() + ")");
        }
        e.control.abort("aborted by token '" + by + "'");
        audit.record(by, "chaos.abort", id, Map.of("scenario", e.scenario.name()));
        return e.view();
    }

    /** The experiment with this id: running in this process, or as stored. */
    public View get(String id) throws NotFoundException, StoreException {
        synchronized (this) {
            Experiment e = running.get(id);
            if (e != null) {
                return new View(e.view(), null);
            }
        }
        return store.find(id).map(s -> new View(null, s)).orElseThrow(() -> new NotFoundException("no chaos experiment " + id));
    }

    /** A page of experiments, newest first; {@code next} is the cursor of the following page, null on the last. */
    public record Page(List<View> experiments, String next) {
    }

    /**
     * Experiments newest first, as stored; those running in this process show their phase.
     *
     * @throws IllegalArgumentException the cursor is not one this server issued
     */
    public Page list(int limit, String cursor) throws StoreException {
        ExperimentStore.Page page = store.list(limit, cursor);
        List<View> out = new ArrayList<>();
        synchronized (this) {
            for (ExperimentStore.Experiment s : page.experiments()) {
                Experiment e = running.get(s.id());
                out.add(e != null ? new View(e.view(), null) : new View(null, s));
            }
        }
        return new Page(out, page.next());
    }

    /** Waits at most {@code timeout} for the experiment to finish; its report, or empty when it did not in time. */
    public Optional<ExperimentReport> await(String id, Duration timeout) throws InterruptedException {
        CompletableFuture<ExperimentReport> done;
        synchronized (this) {
            Experiment e = running.get(id);
            if (e == null) {
                return Optional.empty();
            }
            done = e.done;
        }
        try {
            return Optional.of(done.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        }
    }

    private Scheduler.Fired fireScheduled(String name) {
        try {
            start(name, TRIGGER_SCHEDULE, TRIGGER_SCHEDULE);
            return Scheduler.Fired.STARTED;
        } catch (ConflictException e) {
            LOG.info("scheduled chaos experiment " + name + " skipped: " + e.getMessage());
            return Scheduler.Fired.SKIPPED_STILL_RUNNING;
        } catch (NotFoundException | InvalidInputException | RunRejectedException | StoreException e) {
            LOG.warning("scheduled chaos experiment " + name + " not started: " + e.getMessage());
            return Scheduler.Fired.REJECTED;
        }
    }

    /** Running experiments of this process; for readiness and tests. */
    public synchronized List<Running> running() {
        return running.values().stream().map(Experiment::view).toList();
    }

    /**
     * Stops the schedule, refuses new experiments, aborts the running ones and waits, at most the removal deadline
     * and a little, until their faults are removed and their reports stored.
     */
    @Override
    public void close() {
        scheduler.close();
        sweeps.shutdownNow();
        Collection<Experiment> stopping;
        synchronized (this) {
            closed = true;
            stopping = List.copyOf(running.values());
        }
        stopping.forEach(e -> e.control.abort("smokegate is stopping"));
        Instant deadline = Instant.now().plus(settings.removalTimeout()).plus(settings.removalDeadline())
                .plus(STORE_GRACE);
        for (Experiment e : stopping) {
            try {
                e.done.get(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException ex) {
                LOG.warning("chaos experiment " + e.start.id() + " still removes its faults at shutdown; the next sweep "
                        + "removes what is left");
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException ex) {
                // Logged by the experiment itself.
            }
        }
    }

    /** The engine's limits and waits from the {@code chaos:} section. */
    public static ChaosSettings settings(ChaosConfig c) {
        return new ChaosSettings(c.allowedNamespaces(), c.maxDuration(), c.controllerNamespace(), c.waits().inject(),
                c.waits().removal(), c.waits().removalDeadline(), c.waits().poll());
    }

    private static long count(List<Sweeper.Swept> result, Sweeper.Decision decision) {
        return result.stream().filter(s -> s.decision() == decision).count();
    }

    /** What the chaos series keep of a finished experiment. */
    static ChaosMetrics.Finished finished(ExperimentReport r) {
        Map<String, Double> ratios = new TreeMap<>();
        for (ExperimentReport.PhaseResult p : r.phases()) {
            p.meanSuccessRatio().ifPresent(mean -> ratios.put(p.phase().label(), mean));
        }
        return new ChaosMetrics.Finished(r.id(), r.scenario(), r.verdict().label(), injection(r),
                r.recoveryTime().map(d -> d.toNanos() / 1e9).orElse(Double.NaN),
                r.resilienceScore().isPresent() ? java.util.OptionalDouble.of(r.resilienceScore().getAsDouble() / 100)
                        : java.util.OptionalDouble.empty(), ratios);
    }

    /** Refused: preflight failed; skipped: the steady state was not met; failed: injecting broke off. */
    static ChaosMetrics.Injection injection(ExperimentReport r) {
        if (r.phase(ExperimentReport.Phase.DURING).isPresent()) {
            return ChaosMetrics.Injection.INJECTED;
        }
        if (r.preflight().stream().anyMatch(p -> !p.passed())) {
            return ChaosMetrics.Injection.REFUSED;
        }
        if (r.phase(ExperimentReport.Phase.STEADY_STATE).map(p -> !p.met()).orElse(true)) {
            return ChaosMetrics.Injection.SKIPPED;
        }
        return ChaosMetrics.Injection.FAILED;
    }

    /** Problems of an invalid scenario, formatted as file:line:col: message. */
    public static List<String> problems(InvalidInputException e) {
        return e.problems().stream().map(Problem::format).toList();
    }
}
