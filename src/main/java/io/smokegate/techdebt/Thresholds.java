package io.smokegate.techdebt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most each figure may be, e.g. {@code {helmOutdatedRatio: 0.3, statefulSetsWithoutPdb: 0}}, and the pure
 * judgement of a scan's figures against them. A figure crosses its threshold when it is above the maximum (the
 * maximum itself is allowed). Used by {@code smokegate techdebt --threshold}, {@code serve}'s
 * {@code techdebt.thresholds} gauges, and the {@code kube.techdebt} check, which fails on a crossing.
 *
 * @param limits the maximum per figure name, in the order given; every name is a {@link TechDebtFigures} name
 */
public record Thresholds(Map<String, Double> limits) {

    public static final Thresholds NONE = new Thresholds(Map.of());
    /** How a threshold is written on the command line and in {@code SMOKEGATE_TECHDEBT_THRESHOLDS}. */
    public static final String EXAMPLE = "FIGURE=MAX, e.g. deprecatedApiFiles=10 or helmOutdatedRatio=0.3";

    public Thresholds {
        Map<String, Double> copy = new LinkedHashMap<>();
        limits.forEach((figure, max) -> {
            if (!TechDebtFigures.isKnown(figure)) {
                throw new IllegalArgumentException("unknown figure '" + figure + "' (" + TechDebtFigures.hint(figure) + ")");
            }
            copy.put(figure, check(figure, max));
        });
        limits = Collections.unmodifiableMap(copy);
    }

    private static double check(String figure, Double max) {
        if (max == null || !(max >= 0) || Double.isInfinite(max)) {
            throw new IllegalArgumentException(figure + ": the maximum must be a number of at least 0, not " + max);
        }
        return max;
    }

    /** These thresholds with {@code figure} at most {@code max} (replacing an earlier maximum of the figure). */
    public Thresholds with(String figure, double max) {
        Map<String, Double> out = new LinkedHashMap<>(limits);
        out.remove(figure);
        out.put(figure, max);
        return new Thresholds(out);
    }

    /**
     * These thresholds with one more written {@code FIGURE=MAX}; the exception's message says what is wrong with
     * it and shows the form (or the known figures).
     */
    public Thresholds with(String option) {
        int eq = option.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("'" + option + "' is not " + EXAMPLE);
        }
        String figure = option.substring(0, eq).strip();
        String max = option.substring(eq + 1).strip();
        if (!TechDebtFigures.isKnown(figure)) {
            throw new IllegalArgumentException("unknown figure '" + figure + "' (" + TechDebtFigures.hint(figure) + ")");
        }
        double value;
        try {
            value = Double.parseDouble(max);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(figure + ": '" + max + "' is not a number of at least 0");
        }
        return with(figure, value);
    }

    public boolean isEmpty() {
        return limits.isEmpty();
    }

    /** The figures above their maximum, in the order of the thresholds; a figure the scan lacks crosses nothing. */
    public List<ThresholdCrossing> crossed(Map<String, Number> figures) {
        List<ThresholdCrossing> out = new ArrayList<>();
        limits.forEach((figure, max) -> {
            Number value = figures.get(figure);
            if (value != null && value.doubleValue() > max) {
                out.add(new ThresholdCrossing(figure, value.doubleValue(), max));
            }
        });
        return out;
    }

    /** The figures with a threshold that the scan did not report (their source is not configured): not judged. */
    public List<String> unmeasured(Map<String, Number> figures) {
        return limits.keySet().stream().filter(f -> !figures.containsKey(f)).toList();
    }
}
