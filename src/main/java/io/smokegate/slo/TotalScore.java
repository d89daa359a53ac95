package io.smokegate.slo;

import java.util.Optional;

/** Score thresholds in percent of the achievable score: at least {@code pass} passes, at least {@code warning} warns. */
public record TotalScore(double pass, Optional<Double> warning) {

    /** Keptn's customary thresholds, used when a spec names none. */
    public static final TotalScore DEFAULT = new TotalScore(90, Optional.of(75.0));
}
