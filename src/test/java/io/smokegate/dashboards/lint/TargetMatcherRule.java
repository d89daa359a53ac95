package io.smokegate.dashboards.lint;

import io.smokegate.dashboards.grafana.Dashboard;
import io.smokegate.dashboards.grafana.Target;
import io.smokegate.dashboards.promql.Expr.MatchOp;
import io.smokegate.dashboards.promql.Expr.Matcher;
import io.smokegate.dashboards.promql.Expr.VectorSelector;
import java.util.ArrayList;
import java.util.List;

/**
 * target-job-rule and target-instance-rule: on a Prometheus dashboard, every vector selector of every target
 * carries exactly {@code job=~"$job"} (or {@code instance=~"$instance"}): a regex match on the variable written
 * as {@code $job}, not {@code ${job}}.
 */
public final class TargetMatcherRule extends TargetRule {

    private final String label;

    private TargetMatcherRule(String label) {
        super("target-" + label + "-rule");
        this.label = label;
    }

    public static TargetMatcherRule job() {
        return new TargetMatcherRule("job");
    }

    public static TargetMatcherRule instance() {
        return new TargetMatcherRule("instance");
    }

    @Override
    public List<Finding> lint(Dashboard dashboard, Target target) {
        List<Finding> out = new ArrayList<>();
        if (!dashboard.isPrometheus()) {
            return out;
        }
        parsed(target).ifPresent(expr -> {
            for (VectorSelector s : expr.selectors()) {
                String problem = problem(s);
                if (problem != null) {
                    out.add(error(target, "invalid PromQL query '" + target.expr() + "': " + problem));
                }
            }
        });
        return out;
    }

    private String problem(VectorSelector selector) {
        String wanted = "$" + label;
        String problem = label + " selector not found";
        for (Matcher m : selector.matchers()) {
            if (!m.label().equals(label)) {
                continue;
            }
            if (m.op() == MatchOp.REGEX && m.value().equals(wanted)) {
                return null;
            }
            problem = m.op() != MatchOp.REGEX ? label + " selector is " + m.op().symbol() + ", not =~"
                    : label + " selector is " + m.value() + ", not " + wanted;
        }
        return problem;
    }
}
