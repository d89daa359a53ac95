package io.smokegate.dashboards.lint;

import io.smokegate.dashboards.grafana.Dashboard;
import io.smokegate.dashboards.grafana.Target;
import io.smokegate.dashboards.promql.Expr;
import io.smokegate.dashboards.promql.Expr.Call;
import io.smokegate.dashboards.promql.Expr.MatrixSelector;
import io.smokegate.dashboards.promql.PromQlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * target-rate-interval-rule: on a Prometheus dashboard, a range directly under {@code rate} or {@code irate}
 * is {@code [$__rate_interval]}; other functions may take any range; a range that is not a function's
 * argument must be {@code [$__rate_interval]} too.
 */
public final class TargetRateIntervalRule extends TargetRule {

    private static final long RATE_INTERVAL = PromQlParser.durationMillis(LinterVariables.RATE_INTERVAL_SAMPLE);
    private static final Set<String> RATES = Set.of("rate", "irate");

    public TargetRateIntervalRule() {
        super("target-rate-interval-rule");
    }

    @Override
    public List<Finding> lint(Dashboard dashboard, Target target) {
        if (!readsAsPromql(dashboard, target)) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        parsed(target).ifPresent(expr -> expr.walk((node, ancestors) -> {
            if (node instanceof MatrixSelector m && m.rangeMillis() != RATE_INTERVAL && !ancestors.isEmpty()) {
                Expr parent = ancestors.get(ancestors.size() - 1);
                if (!(parent instanceof Call call)) {
                    out.add(error(target, "invalid PromQL query '" + target.expr() + "': $__rate_interval used in non-rate function"));
                } else if (RATES.contains(call.function())) {
                    out.add(error(target, "invalid PromQL query '" + target.expr() + "': should use $__rate_interval"));
                }
            }
        }));
        // The linter stops at the first offending range.
        return out.isEmpty() ? out : out.subList(0, 1);
    }
}
