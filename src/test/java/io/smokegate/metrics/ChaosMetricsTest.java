package io.smokegate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ChaosMetricsTest {

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    /** A finished experiment that injected its fault: runs 1.0 before, 0.75 on average during, 1.0 after; recovered in 4 s. */
    static ChaosMetrics.Finished passed(String id, String scenario) {
        return new ChaosMetrics.Finished(id, scenario, "pass", ChaosMetrics.Injection.INJECTED, 4, OptionalDouble.of(0.75),
                Map.of("steadyState", 1.0, "during", 0.75, "recovery", 1.0));
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
        metrics.chaos().finished(passed("e1", "demo"));

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
        metrics.chaos().swept(1, 1);

        List<String> lines = chaosLines(metrics);

        assertEquals(List.of("smokegate_chaos_orphans_left 1.0",
                "smokegate_chaos_orphans_swept_total{result=\"failed\"} 1.0",
                "smokegate_chaos_orphans_swept_total{result=\"removed\"} 1.0"), lines);
    }

    @Test
    void anExperimentThatInjectedNothingHasNoScoreAndANaNRecovery() {
        SmokegateMetrics metrics = new SmokegateMetrics("test");
        metrics.chaos().finished(new ChaosMetrics.Finished("e2", "demo", "error", ChaosMetrics.Injection.REFUSED, Double.NaN,
                OptionalDouble.empty(), Map.of()));

        List<String> lines = chaosLines(metrics);

        assertTrue(lines.contains("smokegate_chaos_injections_total{result=\"refused\",scenario=\"demo\"} 1.0"), lines.toString());
        assertTrue(lines.contains("smokegate_chaos_recovery_seconds{scenario=\"demo\"} NaN"), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("smokegate_chaos_resilience_score")), lines.toString());
    }
}
