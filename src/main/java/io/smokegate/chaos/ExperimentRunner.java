package io.smokegate.chaos;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.smokegate.chaos.ExperimentReport.InjectedResource;
import io.smokegate.chaos.ExperimentReport.Phase;
import io.smokegate.chaos.ExperimentReport.PhaseResult;
import io.smokegate.chaos.ExperimentReport.PhaseRun;
import io.smokegate.chaos.ExperimentReport.PreflightResult;
import io.smokegate.chaos.ExperimentReport.Removal;
import io.smokegate.check.CheckContext;
import io.smokegate.gate.Gate;
import io.smokegate.gate.GateException;
import io.smokegate.input.Durations;
import io.smokegate.kube.KubeException;
import io.smokegate.run.RunIds;
import io.smokegate.run.RunListener;
import io.smokegate.run.RunReport;
import io.smokegate.run.Runner;
import io.smokegate.slo.Evaluation;
import io.smokegate.slo.GateResult;
import io.smokegate.slo.History;
import io.smokegate.slo.ObjectiveStatus;
import io.smokegate.slo.PrometheusClient;
import io.smokegate.slo.SloSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Carries out one chaos experiment, Chaos Toolkit's way: steady state, then the method (inject, measure under the
 * fault), then the rollback — always. Preflight first; nothing is created unless it and the steady state pass.
 * The faults are removed in a {@code finally}, whatever happened before (an abort, a failed run, an exception);
 * a deletion stuck on Chaos Mesh's finalizer gets the documented escape, and what could not be removed is
 * reported with the exact manual steps. Then the recovery phase measures how long the service takes to meet its
 * objectives again.
 *
 * <p>Blocking (Kubernetes calls, checklist runs, waits): run it on a worker or virtual thread.
 */
public final class ExperimentRunner {

    /** Who starts an experiment, under which id, and which process owns what it creates. */
    public record Start(String id, String startedBy, String trigger, Owner owner) {
        public static Start now(String startedBy, String trigger, Owner owner) {
            return new Start(RunIds.next(), startedBy, trigger, owner);
        }
    }

    /** Progress as it happens, called on the experiment's thread; implementations must not block for long. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** One line for a person ("during: run 2 of 5 met its objectives"). */
        default void progress(String experimentId, String line) {
        }

        /** A phase begins (metrics show which; dashboards annotate the fault window). */
        default void phaseStarted(String experimentId, Phase phase) {
        }

        /** Every object is created and reported injected: the fault is in place. */
        default void faultsInjected(String experimentId) {
        }

        /** Every created object is gone (or given up on: the report's manual steps say so). */
        default void faultsRemoved(String experimentId) {
        }
    }

    private final ChaosMesh mesh;
    private final CheckContext checks;
    private final PrometheusClient prometheus;
    private final ChaosSettings settings;
    private final Clock clock;
    private final Consumer<RunReport> afterEachRun;

    /**
     * @param prometheus   null when none is configured (scenarios with {@code promql:} objectives then fail preflight)
     * @param afterEachRun what happens to each checklist run besides its evaluation (stored, exported); runs on
     *                     the experiment's thread
     */
    public ExperimentRunner(ChaosMesh mesh, CheckContext checks, PrometheusClient prometheus, ChaosSettings settings,
                            Clock clock, Consumer<RunReport> afterEachRun) {
        this.mesh = mesh;
        this.checks = checks;
        this.prometheus = prometheus;
        this.settings = settings;
        this.clock = clock;
        this.afterEachRun = afterEachRun;
    }

    /** The objects {@code scenario} would create in experiment {@code start}: exactly what {@link #run} creates. */
    public static List<GenericKubernetesResource> resources(ChaosScenario scenario, Start start, ChaosSettings settings) {
        return scenario.faults().stream()
                .map(f -> ChaosResources.build(f, scenario, start.id(), start.owner(), start.startedBy(), settings))
                .toList();
    }

    /** Preflight, then a server-side dry-run create of every object; nothing is created. */
    public List<PreflightResult> dryRun(ChaosScenario scenario, Start start) {
        List<GenericKubernetesResource> resources = resources(scenario, start, settings);
        List<PreflightResult> results = new ArrayList<>(preflight(scenario, resources));
        for (GenericKubernetesResource r : resources) {
            String name = r.getKind() + " " + r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
            try {
                mesh.create(r, true);
                results.add(new PreflightResult("dry-run", true, name + " accepted by the API server (dryRun=All)"));
            } catch (KubeException e) {
                results.add(new PreflightResult("dry-run", false, name + ": " + e.getMessage()));
            }
        }
        return results;
    }

    public ExperimentReport run(ChaosScenario scenario, Start start, ExperimentControl control, Listener listener) {
        List<GenericKubernetesResource> resources = resources(scenario, start, settings);
        Trace t = new Trace(scenario, start, resources, control, listener);
        t.preflight = preflight(scenario, resources);
        if (!Preflight.passed(t.preflight)) {
            return t.finish(ExperimentVerdict.ERROR, "preflight failed, nothing was injected: " + Preflight.failures(t.preflight));
        }
        t.say("preflight passed");
        PhaseResult steady = t.phase(Phase.STEADY_STATE, 1, Duration.ZERO,
                scenario.steadyState() == null ? null : scenario.steadyState().slo(), false);
        if (!steady.met()) {
            return t.finish(control.isAborted() ? ExperimentVerdict.ERROR : ExperimentVerdict.FAIL,
                    control.isAborted() ? "aborted before any fault was injected: " + control.reason()
                            : "the steady state was not met, so nothing was injected: " + steady.message());
        }
        ExperimentVerdict verdict = null;
        String message = null;
        Instant removedAt;
        try {
            String injectProblem = inject(t, resources);
            if (injectProblem != null) {
                verdict = ExperimentVerdict.ERROR;
                message = injectProblem;
            } else {
                PhaseResult during = t.phase(Phase.DURING, scenario.during().runs(), scenario.during().interval(),
                        scenario.during().slo(), true);
                if (control.isAborted()) {
                    verdict = ExperimentVerdict.ERROR;
                    message = "aborted during the fault: " + control.reason();
                } else if (!during.met()) {
                    verdict = ExperimentVerdict.FAIL;
                    message = "under the fault: " + during.message();
                }
            }
        } catch (RuntimeException e) {
            verdict = ExperimentVerdict.ERROR;
            message = "the experiment broke off: " + e.getMessage();
        } finally {
            removedAt = remove(t);
        }
        if (!t.manualSteps.isEmpty()) {
            return t.finish(ExperimentVerdict.ERROR, "a fault could not be removed; see the manual steps"
                    + (message == null ? "" : "; " + message));
        }
        if (verdict == ExperimentVerdict.ERROR || control.isAborted()) {
            return t.finish(ExperimentVerdict.ERROR, message != null ? message : "aborted: " + control.reason());
        }
        PhaseResult recovery = t.recovery(scenario.recovery(), removedAt);
        if (!recovery.met()) {
            return t.finish(ExperimentVerdict.FAIL, (message != null ? message + "; " : "") + "no recovery: " + recovery.message());
        }
        return t.finish(verdict == null ? ExperimentVerdict.PASS : verdict, message != null ? message
                : "the objectives held under the fault and the service recovered in "
                + Durations.format(t.recoveryTime.orElse(Duration.ZERO)));
    }

    private List<PreflightResult> preflight(ChaosScenario scenario, List<GenericKubernetesResource> resources) {
        List<PreflightResult> results = new ArrayList<>(Preflight.check(scenario, resources, mesh, settings));
        boolean promql = java.util.stream.Stream.of(
                        Optional.ofNullable(scenario.steadyState()).map(ChaosScenario.SteadyState::slo),
                        Optional.ofNullable(scenario.during()).map(ChaosScenario.During::slo),
                        Optional.ofNullable(scenario.recovery()).map(ChaosScenario.Recovery::slo))
                .flatMap(Optional::stream).filter(java.util.Objects::nonNull).anyMatch(SloSpec::usesPrometheus);
        if (promql && prometheus == null) {
            results.add(new PreflightResult("prometheus", false,
                    "the scenario has promql: objectives; give --prometheus URL (prometheus.url in the service config)"));
        }
        return results;
    }

    /** Creates every object and waits until Chaos Mesh reports it injected; returns why not, or null. */
    private String inject(Trace t, List<GenericKubernetesResource> resources) {
        for (GenericKubernetesResource r : resources) {
            if (t.control.isAborted()) {
                return "aborted before the fault was injected: " + t.control.reason();
            }
            requireDuration(r);
            mesh.create(r, false);
            t.created.add(new Created(r, clock.instant()));
            t.say("created " + r.getKind() + " " + r.getMetadata().getNamespace() + "/" + r.getMetadata().getName()
                    + " (duration " + ChaosMesh.map(r.getAdditionalProperties().get("spec")).get("duration") + ")");
        }
        Instant deadline = clock.instant().plus(settings.injectTimeout());
        for (Created c : t.created) {
            while (true) {
                Optional<GenericKubernetesResource> now = mesh.get(c.kind(), c.namespace(), c.name());
                if (now.isEmpty()) {
                    return c.describe() + " disappeared before it was injected (deleted by someone else?)";
                }
                var conditions = ChaosMesh.conditions(now.get());
                ChaosMesh.Condition selected = conditions.get("Selected");
                if (selected != null && !selected.status()) {
                    return c.describe() + " selected no target: " + (selected.message().isEmpty()
                            ? "the selector matched no pod Chaos Mesh could inject" : selected.message());
                }
                ChaosMesh.Condition injected = conditions.get("AllInjected");
                if (injected != null && injected.status()) {
                    break;
                }
                if (!clock.instant().isBefore(deadline)) {
                    return c.describe() + " was not reported injected within " + Durations.format(settings.injectTimeout())
                            + " (conditions " + conditions.keySet() + "); is chaos-controller-manager running?";
                }
                if (!t.control.pause(settings.poll())) {
                    return "aborted while the fault was being injected: " + t.control.reason();
                }
            }
        }
        t.injectedAt = clock.instant();
        t.say("every target injected");
        t.listener.faultsInjected(t.start.id());
        return null;
    }

    /** The last line of defence of "a CR without spec.duration is never created". */
    private static void requireDuration(GenericKubernetesResource r) {
        Object duration = ChaosMesh.map(r.getAdditionalProperties().get("spec")).get("duration");
        if (!(duration instanceof String d) || d.isBlank()) {
            throw new IllegalStateException("refusing to create " + r.getKind() + " " + r.getMetadata().getName()
                    + " without spec.duration");
        }
    }

    /** Removes every created object; returns when the last was confirmed gone (or given up on). */
    private Instant remove(Trace t) {
        for (Created c : t.created) {
            t.removals.add(new Removing(c, new FaultRemoval(mesh, settings, clock).remove(c.kind(), c.namespace(), c.name())));
            t.say("removed " + c.describe() + ": " + t.removals.getLast().outcome().removal().name().toLowerCase(java.util.Locale.ROOT));
        }
        t.removals.forEach(r -> t.manualSteps.addAll(r.outcome().manualSteps()));
        if (!t.created.isEmpty()) {
            t.listener.faultsRemoved(t.start.id());
        }
        return clock.instant();
    }

    private record Created(GenericKubernetesResource resource, Instant at) {
        String kind() {
            return resource.getKind();
        }

        String namespace() {
            return resource.getMetadata().getNamespace();
        }

        String name() {
            return resource.getMetadata().getName();
        }

        String describe() {
            return kind() + " " + namespace() + "/" + name();
        }
    }

    private record Removing(Created created, FaultRemoval.Outcome outcome) {
    }

    /** What one experiment has done so far; turned into the report by {@link #finish}. */
    private final class Trace {
        final ChaosScenario scenario;
        final Start start;
        /** The objects the experiment would create, reported as not created when it never got that far. */
        final List<GenericKubernetesResource> planned;
        final ExperimentControl control;
        final Listener listener;
        final Instant startedAt = clock.instant();
        List<PreflightResult> preflight = List.of();
        final List<PhaseResult> phases = new ArrayList<>();
        final List<Created> created = new ArrayList<>();
        final List<Removing> removals = new ArrayList<>();
        final List<String> manualSteps = new ArrayList<>();
        final List<Evaluation> underFault = new ArrayList<>();
        Instant injectedAt;
        Optional<Duration> recoveryTime = Optional.empty();

        Trace(ChaosScenario scenario, Start start, List<GenericKubernetesResource> planned, ExperimentControl control,
              Listener listener) {
            this.planned = planned;
            this.scenario = scenario;
            this.start = start;
            this.control = control;
            this.listener = listener;
        }

        void say(String line) {
            listener.progress(start.id(), line);
        }

        /**
         * {@code runs} runs, {@code interval} apart, each evaluated against {@code slo}. With {@code abortable},
         * the abort rule applies and the faults are watched: one deleted by someone else ends the phase.
         */
        PhaseResult phase(Phase phase, int runs, Duration interval, SloSpec slo, boolean abortable) {
            Instant began = clock.instant();
            listener.phaseStarted(start.id(), phase);
            List<PhaseRun> done = new ArrayList<>();
            String failed = null;
            int keyFailuresInARow = 0;
            int abortAfter = scenario.abortRule().keyObjectiveFailures();
            for (int i = 1; i <= runs && !control.isAborted(); i++) {
                if (i > 1 && !control.pause(interval)) {
                    break;
                }
                if (abortable && deadlinePassed()) {
                    failed = "stopped at spec.maxDuration after " + (i - 1) + " of " + runs + " runs";
                    break;
                }
                PhaseRun run = runOnce(phase, slo);
                done.add(run);
                if (abortable) {
                    run.evaluation().ifPresent(underFault::add);
                }
                Optional<String> problem = run.evaluation().flatMap(ExperimentRunner::problem);
                say(phase.label() + ": run " + i + " of " + runs + (problem.isEmpty() ? " met its objectives" : " " + problem.get()));
                if (problem.isPresent() && failed == null) {
                    failed = "run " + i + " " + problem.get();
                }
                boolean keyFailed = run.evaluation().map(ExperimentRunner::keyFailed).orElse(false);
                keyFailuresInARow = keyFailed ? keyFailuresInARow + 1 : 0;
                if (abortable && abortAfter > 0 && keyFailuresInARow >= abortAfter) {
                    failed = "a key objective failed in " + keyFailuresInARow + " run" + (keyFailuresInARow == 1 ? "" : "s")
                            + " in a row (spec.abortRule): the fault was removed early; " + failed;
                    break;
                }
                if (abortable) {
                    Optional<String> gone = faultGone();
                    if (gone.isPresent()) {
                        control.abort(gone.get());
                    }
                }
            }
            if (control.isAborted() && failed == null) {
                failed = "aborted: " + control.reason();
            }
            PhaseResult result = new PhaseResult(phase, began, clock.instant(), done, failed == null, failed == null ? "" : failed);
            phases.add(result);
            return result;
        }

        /** Runs until the objectives are met again or the window closes; measures the recovery time. */
        PhaseResult recovery(ChaosScenario.Recovery recovery, Instant removedAt) {
            Instant began = clock.instant();
            listener.phaseStarted(start.id(), Phase.RECOVERY);
            Instant closes = removedAt.plus(recovery.window());
            List<PhaseRun> done = new ArrayList<>();
            String last = "no run";
            while (!control.isAborted()) {
                PhaseRun run = runOnce(Phase.RECOVERY, recovery.slo());
                done.add(run);
                Optional<String> problem = run.evaluation().flatMap(ExperimentRunner::problem);
                if (problem.isEmpty()) {
                    run.evaluation().ifPresent(underFault::add);
                    recoveryTime = Optional.of(Duration.between(removedAt, run.startedAt().plus(run.duration())));
                    say("recovery: met its objectives " + Durations.format(recoveryTime.get()) + " after the removal");
                    break;
                }
                last = problem.get();
                say("recovery: run " + done.size() + " " + last);
                Instant next = clock.instant().plus(recovery.interval());
                if (next.isAfter(closes)) {
                    run.evaluation().ifPresent(underFault::add);
                    break;
                }
                control.pause(recovery.interval());
            }
            boolean met = recoveryTime.isPresent();
            PhaseResult result = new PhaseResult(Phase.RECOVERY, began, clock.instant(), done, met,
                    met ? "" : "the objectives were not met again within " + Durations.format(recovery.window())
                    + " (last run " + last + ")");
            phases.add(result);
            return result;
        }

        private PhaseRun runOnce(Phase phase, SloSpec slo) {
            RunReport report = new Runner(checks).run(scenario.checklist(), RunIds.next(), "chaos", RunListener.NONE,
                    control.nextRun());
            afterEachRun.accept(report);
            Optional<Evaluation> evaluation = Optional.empty();
            if (slo != null) {
                try {
                    evaluation = Optional.of(Gate.evaluate(slo, scenario.checklist().name(), report, prometheus, null, History.EMPTY));
                } catch (GateException e) {
                    evaluation = Optional.of(new Evaluation(GateResult.ERROR, 0, 0, List.of(), 0, e.getMessage()));
                }
            }
            return new PhaseRun(report.runId(), report.startedAt(), report.duration(), report.successRatio(), evaluation);
        }

        private boolean deadlinePassed() {
            Duration max = scenario.maxDuration() == null ? settings.maxDuration() : scenario.maxDuration();
            return !clock.instant().isBefore(startedAt.plus(max));
        }

        /** Why a fault of ours is no longer in place, if one is gone (deleted by an abort elsewhere) — or empty. */
        private Optional<String> faultGone() {
            for (Created c : created) {
                try {
                    Optional<GenericKubernetesResource> now = mesh.get(c.kind(), c.namespace(), c.name());
                    if (now.isEmpty() || now.get().getMetadata().getDeletionTimestamp() != null) {
                        return Optional.of(c.describe() + " was deleted by someone else (smokegate chaos abort?)");
                    }
                } catch (KubeException e) {
                    return Optional.empty(); // the cluster not answering is no proof of removal; removal will retry
                }
            }
            return Optional.empty();
        }

        ExperimentReport finish(ExperimentVerdict verdict, String message) {
            List<InjectedResource> resources = new ArrayList<>();
            for (Removing r : removals) {
                Created c = r.created();
                resources.add(new InjectedResource(c.kind(), c.namespace(), c.name(),
                        String.valueOf(ChaosMesh.map(c.resource().getAdditionalProperties().get("spec")).get("duration")),
                        c.at(), r.outcome().removedAt(), r.outcome().removal(), r.outcome().message()));
            }
            if (resources.isEmpty()) {
                for (GenericKubernetesResource r : planned) {
                    resources.add(new InjectedResource(r.getKind(), r.getMetadata().getNamespace(), r.getMetadata().getName(),
                            String.valueOf(ChaosMesh.map(r.getAdditionalProperties().get("spec")).get("duration")), null, null,
                            Removal.NOT_CREATED, ""));
                }
            }
            OptionalDouble score = injectedAt == null ? OptionalDouble.empty() : ResilienceScore.of(underFault);
            ExperimentReport report = new ExperimentReport(start.id(), scenario.name(),
                    scenario.checklist() == null ? "" : scenario.checklist().name(), scenario.namespaces(), start.startedBy(),
                    start.trigger(), start.owner(), startedAt, clock.instant(), verdict, message, preflight, phases, resources,
                    recoveryTime, score, manualSteps);
            say("verdict: " + verdict.label() + " — " + message);
            return report;
        }
    }

    /** Why an evaluation did not meet its objectives, or empty when it did. */
    static Optional<String> problem(Evaluation e) {
        if (e.result() == GateResult.PASS || e.result() == GateResult.WARNING) {
            return Optional.empty();
        }
        List<String> failed = e.objectives().stream().filter(o -> o.status() == ObjectiveStatus.FAIL)
                .map(o -> o.objective().name() + (o.message().isEmpty() ? "" : " (" + o.message() + ")")).toList();
        return Optional.of(e.result().name().toLowerCase(java.util.Locale.ROOT) + ": "
                + (failed.isEmpty() ? e.message() : "failed " + String.join(", ", failed)));
    }

    private static boolean keyFailed(Evaluation e) {
        return e.result() == GateResult.ERROR
                || e.objectives().stream().anyMatch(o -> o.objective().key() && o.status() == ObjectiveStatus.FAIL);
    }
}
