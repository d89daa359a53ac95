package io.smokegate.chaos;

import io.smokegate.slo.Evaluation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One chaos experiment, finished: what was checked before anything was injected, each phase's runs and their
 * evaluations, what was created in the cluster and how it was removed, the recovery time, the resilience score
 * and the verdict. Everything downstream (reports, store, metrics, the API) reads this.
 *
 * @param startedBy      the token name (API), {@code schedule}, or the user and host that ran the CLI
 * @param recoveryTime   from the confirmed removal of the faults to the end of the first recovery run that met its
 *                       objectives; empty when the service did not recover in the window or was never faulted
 * @param resilienceScore 0–100, see {@link ResilienceScore}; empty when no fault was injected
 * @param manualSteps    what a person must do because smokegate could not (a removal stuck); empty normally
 */
public record ExperimentReport(
        String id,
        String scenario,
        String checklist,
        List<String> namespaces,
        String startedBy,
        String trigger,
        Owner owner,
        Instant startedAt,
        Instant finishedAt,
        ExperimentVerdict verdict,
        String message,
        List<PreflightResult> preflight,
        List<PhaseResult> phases,
        List<InjectedResource> resources,
        Optional<Duration> recoveryTime,
        OptionalDouble resilienceScore,
        List<String> manualSteps) {

    public ExperimentReport {
        namespaces = List.copyOf(namespaces);
        preflight = List.copyOf(preflight);
        phases = List.copyOf(phases);
        resources = List.copyOf(resources);
        manualSteps = List.copyOf(manualSteps);
        if (verdict == ExperimentVerdict.PASS && !manualSteps.isEmpty()) {
            throw new IllegalArgumentException("an experiment that left work for a person did not pass");
        }
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    /** The phase, if the experiment got that far. */
    public Optional<PhaseResult> phase(Phase phase) {
        return phases.stream().filter(p -> p.phase() == phase).findFirst();
    }

    /** Whether anything was created in the cluster (a failed preflight or steady state creates nothing). */
    public boolean injected() {
        return resources.stream().anyMatch(r -> r.createdAt() != null);
    }

    /** The three phases of an experiment after preflight, in order. */
    public enum Phase {
        STEADY_STATE("steadyState"), DURING("during"), RECOVERY("recovery");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        /** As the scenario file spells it. */
        public String label() {
            return label;
        }
    }

    /** One preflight question and its answer; a failed one means nothing was injected. */
    public record PreflightResult(String check, boolean passed, String message) {
    }

    /**
     * One phase: its runs in order and whether it met its objectives ({@code message} says why not).
     * A phase without objectives is met when its runs ran.
     */
    public record PhaseResult(Phase phase, Instant startedAt, Instant endedAt, List<PhaseRun> runs, boolean met,
                              String message) {
        public PhaseResult {
            runs = List.copyOf(runs);
        }

        /** The mean success ratio of the phase's runs; empty when none ran. */
        public OptionalDouble meanSuccessRatio() {
            return runs.stream().mapToDouble(PhaseRun::successRatio).average();
        }
    }

    /** One run of the checklist in a phase, and its evaluation against the phase's objectives (empty: none). */
    public record PhaseRun(String runId, Instant startedAt, Duration duration, double successRatio,
                           Optional<Evaluation> evaluation) {
    }

    /**
     * One Chaos Mesh object of the experiment. {@code createdAt} is null when it was never created (a failed
     * preflight, or a dry run); {@code removal} says how it left the cluster.
     */
    public record InjectedResource(String kind, String namespace, String name, String duration, Instant createdAt,
                                   Instant removedAt, Removal removal, String message) {
    }

    /** How an injected object left the cluster. */
    public enum Removal {
        /** Never created. */
        NOT_CREATED,
        /** Deleted; Chaos Mesh recovered the targets and dropped its finalizer. */
        REMOVED,
        /** Deletion hung; paused (faults recovered), then the finalizer released with Chaos Mesh's forced cleanup. */
        FORCED,
        /** Still in the cluster: the manual steps say what to do. */
        STUCK
    }
}
