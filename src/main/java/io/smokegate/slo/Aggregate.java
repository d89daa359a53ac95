package io.smokegate.slo;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How earlier results are folded into the baseline of relative criteria; Keptn's four functions. */
public enum Aggregate {
    AVG, P50, P90, P95;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Aggregate> parse(String text) {
        return Arrays.stream(values()).filter(a -> a.label().equals(text)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Aggregate::label).toList();
    }

    /** The aggregate of the values, none for no values. */
    public Optional<Double> apply(List<Double> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (this) {
            case AVG -> values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            case P50 -> percentile(values, 0.50);
            case P90 -> percentile(values, 0.90);
            case P95 -> percentile(values, 0.95);
        });
    }

    /** Keptn's percentile: rank p·(n+1), linear between neighbours, clamped to the smallest and largest value. */
    private static double percentile(List<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double rank = p * (sorted.length + 1);
        if (rank <= 1) {
            return sorted[0];
        }
        if (rank >= sorted.length) {
            return sorted[sorted.length - 1];
        }
        int below = (int) Math.floor(rank);
        double fraction = rank - below;
        return sorted[below - 1] + fraction * (sorted[below] - sorted[below - 1]);
    }
}
