package io.smokegate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.chaos.ExperimentReport;
import io.smokegate.chaos.ExperimentReport.Phase;
import io.smokegate.chaos.ExperimentReport.PhaseResult;
import io.smokegate.chaos.ExperimentReport.PhaseRun;
import io.smokegate.chaos.ExperimentReport.PreflightResult;
import io.smokegate.chaos.ExperimentVerdict;
import io.smokegate.chaos.Owner;
import io.smokegate.chaos.Sweeper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ChaosMetricsTest {

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    /** A finished experiment that injected its fault: runs 1.0 before, 0.5 and 1.0 during, 1.0 after; recovered in 4 s. */
    static ExperimentReport report(String id, String scenario, ExperimentVerdict verdict) {
        List<PhaseResult> phases = List.of(
                new PhaseResult(Phase.STEADY_STATE, T0, T0, List.of(run(1.0)), true, ""),
                new PhaseResult(Phase.DURING, T0, T0, List.of(run(0.5), run(1.0)), true, ""),
                new PhaseResult(Phase.RECOVERY, T0, T0, List.of(run(1.0)), true, ""));
        return new ExperimentReport(id, scenario, "proxy", List.of("demo"), "ci", "api", Owner.thisServe("r1"), T0,
                T0.plusSeconds(60), verdict, "done", List.of(new PreflightResult("crds", true, "installed")), phases,
                List.of(), Optional.of(Duration.ofSeconds(4)), OptionalDouble.of(75), List.of());
    }

    private static PhaseRun run(double ratio) {
        return new PhaseRun("r", T0, Duration.ofMillis(5), ratio, Optional.empty());
    }

    private static List<String> chaosLines(SmokegateMetrics metrics) {
        return Arrays.stream(new String(metrics.scrape(), StandardCharsets.UTF_8).split("\n"))
                .filter(l -> l.startsWith("smokegate_chaos_")).toList();
    }

    @Test
    void aRunningExperimentShowsItsActiveFaultAndDeadline() {
        SmokegateMetrics metrics = new SmokegateMetrics("test");
        metrics.chaos().started("e1", "demo", T0.plusSeconds(1800));
        metrics.chaos().faultsInjected("e1");

        List<String> lines = chaosLines(metrics);

        assertEquals(List.of("smokegate_chaos_experiment_deadline_timestamp_seconds{scenario=\"demo\"} 1.796553E9",
                "smokegate_chaos_experiments_active{scenario=\"demo\"} 1.0",
                "smokegate_chaos_fault_active{scenario=\"demo\"} 1.0",
                "smokegate_chaos_orphans_left 0.0"), lines);
    }

    @Test
    void aFinishedExperimentLeavesItsVerdictRecoveryScoreAndPhaseRatios() {
        SmokegateMetrics metrics = new SmokegateMetrics("test");
        metrics.chaos().started("e1", "demo", T0.plusSeconds(1800));
        metrics.chaos().finished(report("e1", "demo", ExperimentVerdict.PASS));

        List<String> lines = chaosLines(metrics);

        assertEquals(List.of("smokegate_chaos_experiments_total{scenario=\"demo\",verdict=\"pass\"} 1.0",
                "smokegate_chaos_experiments_active{scenario=\"demo\"} 0.0",
                "smokegate_chaos_fault_active{scenario=\"demo\"} 0.0",
                "smokegate_chaos_injections_total{result=\"injected\",scenario=\"demo\"} 1.0",
                "smokegate_chaos_orphans_left 0.0",
                "smokegate_chaos_phase_success_ratio{phase=\"during\",scenario=\"demo\"} 0.75",
                "smokegate_chaos_phase_success_ratio{phase=\"recovery\",scenario=\"demo\"} 1.0",
                "smokegate_chaos_phase_success_ratio{phase=\"steadyState\",scenario=\"demo\"} 1.0",
                "smokegate_chaos_recovery_seconds{scenario=\"demo\"} 4.0",
                "smokegate_chaos_resilience_score{scenario=\"demo\"} 0.75"), lines);
    }

    @Test
    void aSweepCountsRemovedAndFailedObjectsAndLeavesTheFailedOnesAsOrphans() {
        SmokegateMetrics metrics = new SmokegateMetrics("test");
        metrics.chaos().swept(List.of(swept(Sweeper.Decision.REMOVED), swept(Sweeper.Decision.FAILED),
                swept(Sweeper.Decision.LEFT_ALIVE)));

        List<String> lines = chaosLines(metrics);

        assertEquals(List.of("smokegate_chaos_orphans_left 1.0",
                "smokegate_chaos_orphans_swept_total{result=\"failed\"} 1.0",
                "smokegate_chaos_orphans_swept_total{result=\"removed\"} 1.0"), lines);
    }

    @Test
    void anExperimentWhosePreflightFailedCountsAsRefusedAndHasNoScore() {
        SmokegateMetrics metrics = new SmokegateMetrics("test");
        ExperimentReport refused = new ExperimentReport("e2", "demo", "proxy", List.of("demo"), "ci", "api",
                Owner.thisServe("r1"), T0, T0, ExperimentVerdict.ERROR, "preflight failed",
                List.of(new PreflightResult("namespace", false, "not allowed")), List.of(), List.of(), Optional.empty(),
                OptionalDouble.empty(), List.of());
        metrics.chaos().finished(refused);

        List<String> lines = chaosLines(metrics);

        assertTrue(lines.contains("smokegate_chaos_injections_total{result=\"refused\",scenario=\"demo\"} 1.0"), lines.toString());
        assertTrue(lines.contains("smokegate_chaos_recovery_seconds{scenario=\"demo\"} NaN"), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("smokegate_chaos_resilience_score")), lines.toString());
    }

    private static Sweeper.Swept swept(Sweeper.Decision decision) {
        return new Sweeper.Swept("NetworkChaos", "demo", "x-" + decision, "e0", "cli/h/1/0", decision,
                ExperimentReport.Removal.REMOVED, "");
    }
}
