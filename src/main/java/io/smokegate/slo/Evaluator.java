package io.smokegate.slo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keptn's quality-gate scoring. A passing objective earns its weight, one meeting only its warning
 * criteria half of it, anything else nothing; a missing value fails. The total in percent of the
 * achievable score is compared with the pass and warning thresholds, and a failed key objective fails
 * the gate whatever the score. Pure: values and history in, evaluation out.
 */
public final class Evaluator {

    private Evaluator() {
    }

    public static Evaluation evaluate(SloSpec spec, Map<String, SliValue> values, History history) {
        List<ObjectiveResult> results = new ArrayList<>(spec.objectives().size());
        double achievable = 0;
        double earned = 0;
        String failedKey = null;
        for (Objective o : spec.objectives()) {
            ObjectiveResult r = objective(o, values.getOrDefault(o.name(),
                    new SliValue.Missing("no value was collected")), history.of(o.name()), spec.comparison());
            results.add(r);
            if (r.status() == ObjectiveStatus.INFO) {
                continue;
            }
            achievable += o.weight();
            earned += r.score();
            if (o.key() && r.status() == ObjectiveStatus.FAIL && failedKey == null) {
                failedKey = o.name();
            }
        }
        if (achievable == 0) {
            return new Evaluation(GateResult.PASS, 100, 0, results, history.evaluations(),
                    "no objective has pass criteria; nothing to gate on");
        }
        double score = 100 * earned / achievable;
        TotalScore total = spec.total();
        String scored = "score " + format(Math.round(score * 100) / 100.0) + "% ";
        if (failedKey != null) {
            ObjectiveResult key = results.stream().filter(r -> r.objective().key() && r.status() == ObjectiveStatus.FAIL)
                    .findFirst().orElseThrow();
            return new Evaluation(GateResult.FAIL, score, achievable, results, history.evaluations(),
                    "key objective '" + failedKey + "' failed: " + key.message());
        }
        if (score >= total.pass()) {
            return new Evaluation(GateResult.PASS, score, achievable, results, history.evaluations(),
                    scored + ">= " + format(total.pass()) + "% to pass");
        }
        if (total.warning().isPresent() && score >= total.warning().get()) {
            return new Evaluation(GateResult.WARNING, score, achievable, results, history.evaluations(),
                    scored + "is below " + format(total.pass()) + "% to pass, >= " + format(total.warning().get())
                            + "% to warn");
        }
        return new Evaluation(GateResult.FAIL, score, achievable, results, history.evaluations(),
                scored + "is below " + format(total.warning().orElse(total.pass())) + "%" + failures(results));
    }

    private static ObjectiveResult objective(Objective o, SliValue value, List<Double> earlier, Comparison comparison) {
        List<Double> usable = earlier.stream().limit(comparison.results()).toList();
        Optional<Double> baseline = o.relative() ? comparison.aggregate().apply(usable) : Optional.empty();
        int compared = o.relative() ? usable.size() : 0;
        if (value instanceof SliValue.Missing missing) {
            if (o.informational() || o.ignoreIfEmpty()) {
                return new ObjectiveResult(o, Optional.empty(), ObjectiveStatus.INFO, 0, baseline, compared,
                        "no value (" + missing.reason() + ")" + (o.informational() ? "" : "; ignored as ifEmpty says"));
            }
            return new ObjectiveResult(o, Optional.empty(), ObjectiveStatus.FAIL, 0, baseline, compared,
                    "no value: " + missing.reason());
        }
        double v = ((SliValue.Measured) value).value();
        String noHistory = o.relative() && baseline.isEmpty() ? "; no earlier results, so relative criteria pass" : "";
        if (o.informational()) {
            return new ObjectiveResult(o, Optional.of(v), ObjectiveStatus.INFO, 0, baseline, compared,
                    "informational (no pass criteria)");
        }
        if (o.pass().holds(v, baseline)) {
            return new ObjectiveResult(o, Optional.of(v), ObjectiveStatus.PASS, o.weight(), baseline, compared,
                    format(v) + " meets " + o.pass().describe() + against(baseline) + noHistory);
        }
        if (!o.warning().isEmpty() && o.warning().holds(v, baseline)) {
            return new ObjectiveResult(o, Optional.of(v), ObjectiveStatus.WARNING, o.weight() / 2, baseline, compared,
                    format(v) + " misses " + o.pass().describe() + " but meets " + o.warning().describe()
                            + against(baseline) + noHistory);
        }
        return new ObjectiveResult(o, Optional.of(v), ObjectiveStatus.FAIL, 0, baseline, compared,
                format(v) + " misses " + o.pass().describe() + (o.warning().isEmpty() ? "" : " and " + o.warning().describe())
                        + against(baseline) + noHistory);
    }

    private static String failures(List<ObjectiveResult> results) {
        List<String> failed = results.stream().filter(r -> r.status() == ObjectiveStatus.FAIL)
                .map(r -> r.objective().name()).toList();
        return failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed);
    }

    private static String against(Optional<Double> baseline) {
        return baseline.map(b -> " (earlier: " + format(b) + ")").orElse("");
    }

    /** Numbers as people read them: no trailing zeros, at most 4 decimals. */
    public static String format(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        String s = String.format(java.util.Locale.ROOT, "%.4f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }
}
