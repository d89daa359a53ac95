package io.smokegate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.chaos.ExperimentReport;
import io.smokegate.chaos.ExperimentReport.Phase;
import io.smokegate.chaos.ExperimentReport.PhaseResult;
import io.smokegate.chaos.ExperimentReport.PhaseRun;
import io.smokegate.chaos.ExperimentReport.PreflightResult;
import io.smokegate.chaos.ExperimentVerdict;
import io.smokegate.chaos.Owner;
import io.smokegate.metrics.ChaosMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** What the chaos series keep of a finished experiment's report. */
class ChaosExperimentMetricsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final PreflightResult PASSED = new PreflightResult("crds", true, "installed");

    private static ExperimentReport report(ExperimentVerdict verdict, List<PreflightResult> preflight, List<PhaseResult> phases,
                                           Optional<Duration> recovery, OptionalDouble score) {
        return new ExperimentReport("e1", "demo", "proxy", List.of("demo"), "ci", "api", Owner.thisServe("r1"), T0,
                T0.plusSeconds(60), verdict, "", preflight, phases, List.of(), recovery, score, List.of());
    }

    private static PhaseResult phase(Phase phase, boolean met, double... ratios) {
        List<PhaseRun> runs = java.util.Arrays.stream(ratios)
                .mapToObj(r -> new PhaseRun("r", T0, Duration.ofMillis(5), r, Optional.empty())).toList();
        return new PhaseResult(phase, T0, T0, runs, met, "");
    }

    @Test
    void anInjectedExperimentKeepsItsVerdictRecoveryScoreAsARatioAndMeanPhaseRatios() {
        ExperimentReport r = report(ExperimentVerdict.PASS, List.of(PASSED), List.of(phase(Phase.STEADY_STATE, true, 1.0),
                phase(Phase.DURING, true, 0.5, 1.0), phase(Phase.RECOVERY, true, 1.0)), Optional.of(Duration.ofMillis(4500)),
                OptionalDouble.of(80));

        assertEquals(new ChaosMetrics.Finished("e1", "demo", "pass", ChaosMetrics.Injection.INJECTED, 4.5,
                OptionalDouble.of(0.8), Map.of("steadyState", 1.0, "during", 0.75, "recovery", 1.0)), ChaosService.finished(r));
    }

    @Test
    void aFailedPreflightIsRefusedAnUnmetSteadyStateSkippedAndABrokenInjectionFailed() {
        ExperimentReport refused = report(ExperimentVerdict.ERROR, List.of(new PreflightResult("namespace", false, "no")),
                List.of(), Optional.empty(), OptionalDouble.empty());
        ExperimentReport skipped = report(ExperimentVerdict.FAIL, List.of(PASSED), List.of(phase(Phase.STEADY_STATE, false, 0.0)),
                Optional.empty(), OptionalDouble.empty());
        ExperimentReport failed = report(ExperimentVerdict.ERROR, List.of(PASSED), List.of(phase(Phase.STEADY_STATE, true, 1.0)),
                Optional.empty(), OptionalDouble.empty());

        assertEquals(ChaosMetrics.Injection.REFUSED, ChaosService.injection(refused));
        assertEquals(ChaosMetrics.Injection.SKIPPED, ChaosService.injection(skipped));
        assertEquals(ChaosMetrics.Injection.FAILED, ChaosService.injection(failed));
        assertEquals(Double.NaN, ChaosService.finished(refused).recoverySeconds());
    }
}
