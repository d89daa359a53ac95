package io.smokegate.dashboards.lint;

import io.smokegate.dashboards.grafana.Dashboard;
import io.smokegate.dashboards.grafana.Target;
import io.smokegate.dashboards.promql.Expr;
import io.smokegate.dashboards.promql.Expr.Call;
import io.smokegate.dashboards.promql.Expr.MatrixSelector;
import io.smokegate.dashboards.promql.Expr.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * target-counter-agg-rule: a selector of a counter (a name ending in {@code _total}) is the range of a
 * {@code rate}, {@code irate} or {@code increase} and nothing else. Any panel type, any datasource.
 *
 * <p>The linter tests the selector's printed form, so {@code x_total{job=~"$job"}} (ending in "}") slips
 * past it; this port tests the metric name, which is what the rule means.
 */
public final class TargetCounterAggRule extends TargetRule {

    private static final Set<String> COUNTER_FUNCTIONS = Set.of("rate", "irate", "increase");

    public TargetCounterAggRule() {
        super("target-counter-agg-rule");
    }

    @Override
    public List<Finding> lint(Dashboard dashboard, Target target) {
        List<Finding> out = new ArrayList<>();
        parsed(target).ifPresent(expr -> expr.walk((node, ancestors) -> {
            if (node instanceof VectorSelector s && s.name() != null && s.name().endsWith("_total") && !aggregated(ancestors)) {
                out.add(error(target, "counter metric '" + s + "' is not aggregated with rate, irate, or increase"));
            }
        }));
        return out.isEmpty() ? out : out.subList(0, 1);
    }

    private static boolean aggregated(List<Expr> ancestors) {
        int n = ancestors.size();
        return n >= 2 && ancestors.get(n - 1) instanceof MatrixSelector
                && ancestors.get(n - 2) instanceof Call call && COUNTER_FUNCTIONS.contains(call.function());
    }
}
