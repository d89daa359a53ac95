package io.smokegate.chaos;

import io.smokegate.slo.Evaluation;
import io.smokegate.slo.ObjectiveResult;
import io.smokegate.slo.ObjectiveStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * LitmusChaos's resilience score applied to smokegate's objectives: each objective with pass criteria is a probe,
 * its success is the share of the evaluations under and after the fault in which it passed (a warning counts as
 * passed: the objective held, only its warning line was crossed), and the score is the weighted mean of those
 * shares, in percent. Informational objectives weigh nothing. Pure.
 */
public final class ResilienceScore {

    private ResilienceScore() {
    }

    /** The score over {@code evaluations}; empty when there is nothing to score. */
    public static OptionalDouble of(List<Evaluation> evaluations) {
        Map<String, double[]> probes = new LinkedHashMap<>(); // name -> {weight, passed, evaluated}
        for (Evaluation e : evaluations) {
            for (ObjectiveResult r : e.objectives()) {
                if (r.objective().informational() || r.status() == ObjectiveStatus.INFO) {
                    continue;
                }
                double[] p = probes.computeIfAbsent(r.objective().name(), k -> new double[] {r.objective().weight(), 0, 0});
                p[2]++;
                if (r.status() == ObjectiveStatus.PASS || r.status() == ObjectiveStatus.WARNING) {
                    p[1]++;
                }
            }
        }
        double weights = 0;
        double weighted = 0;
        for (double[] p : probes.values()) {
            weights += p[0];
            weighted += p[0] * (p[1] / p[2]);
        }
        return weights == 0 ? OptionalDouble.empty() : OptionalDouble.of(100 * weighted / weights);
    }
}
