package io.smokegate.dashboards.lint;

import io.smokegate.dashboards.grafana.Dashboard;
import io.smokegate.dashboards.grafana.Target;
import io.smokegate.dashboards.promql.PromQlException;
import io.smokegate.dashboards.promql.PromQlParser;
import java.util.List;

/**
 * target-promql-rule: on a Prometheus dashboard, every target of a queried panel type parses as PromQL after
 * variable expansion; an empty expression must instead reuse an existing top-level panel by {@code panelId}.
 */
public final class TargetPromqlRule extends TargetRule {

    public TargetPromqlRule() {
        super("target-promql-rule");
    }

    @Override
    public List<Finding> lint(Dashboard dashboard, Target target) {
        if (!readsAsPromql(dashboard, target)) {
            return List.of();
        }
        if (target.expr().isEmpty() && target.panelId() > 0) {
            return dashboard.hasTopLevelPanel(target.panelId()) ? List.of() : List.of(error(target, "Invalid panel reference in target"));
        }
        try {
            PromQlParser.parse(LinterVariables.expand(target.expr()));
            return List.of();
        } catch (PromQlException e) {
            return List.of(error(target, "invalid PromQL query '" + target.expr() + "': " + e.getMessage()));
        }
    }
}
