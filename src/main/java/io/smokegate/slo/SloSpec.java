package io.smokegate.slo;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The SLO of a checklist ({@code spec.slo}): the objectives a gate scores, the thresholds of the total,
 * which earlier evaluations relative criteria compare with, the release window {@code $window} stands for
 * in PromQL, and the availability objective (share of passing runs over {@code period}) that burn-rate
 * alerts protect.
 */
public record SloSpec(
        List<Objective> objectives,
        TotalScore total,
        Comparison comparison,
        Duration window,
        Optional<Double> availability,
        Duration period) {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    public SloSpec {
        objectives = List.copyOf(objectives);
    }

    public boolean usesPrometheus() {
        return objectives.stream().anyMatch(o -> o.indicator() instanceof Indicator.Promql);
    }
}
