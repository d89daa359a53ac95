package io.smokegate.dashboards.lint;

import io.smokegate.dashboards.grafana.Dashboard;
import io.smokegate.dashboards.grafana.Target;
import io.smokegate.dashboards.promql.Expr;
import io.smokegate.dashboards.promql.PromQlException;
import io.smokegate.dashboards.promql.PromQlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A rule about each PromQL target of each panel. */
public abstract class TargetRule extends NamedRule {

    TargetRule(String name) {
        super(name);
    }

    @Override
    public List<Finding> lint(Dashboard dashboard) {
        List<Finding> out = new ArrayList<>();
        for (Target t : dashboard.targets()) {
            out.addAll(lint(dashboard, t));
        }
        return out;
    }

    /** Checks one query; public so the same rules can hold queries the linter does not read, e.g. annotations. */
    public abstract List<Finding> lint(Dashboard dashboard, Target target);

    Finding error(Target target, String message) {
        return new Finding(name(), Finding.Severity.ERROR, target.where(), message);
    }

    /** Whether the linter parses the target as PromQL at all: on a Prometheus dashboard, in a queried panel. */
    static boolean readsAsPromql(Dashboard dashboard, Target target) {
        return dashboard.isPrometheus() && target.queried();
    }

    /**
     * The target's expression after the linter's variable expansion, parsed; empty if it does not parse, which
     * is target-promql-rule's finding, not this rule's.
     */
    static Optional<Expr> parsed(Target target) {
        try {
            return Optional.of(PromQlParser.parse(LinterVariables.expand(target.expr())));
        } catch (PromQlException e) {
            return Optional.empty();
        }
    }
}
