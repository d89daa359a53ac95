package io.smokegate.dashboards;

import io.smokegate.dashboards.grafana.Dashboard;
import io.smokegate.dashboards.grafana.Target;
import io.smokegate.dashboards.grafana.VariableQuery;
import io.smokegate.dashboards.lint.LinterVariables;
import io.smokegate.dashboards.promql.Expr.VectorSelector;
import io.smokegate.dashboards.promql.PromQlException;
import io.smokegate.dashboards.promql.PromQlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The metric names a dashboard reads: in panel targets, annotation queries and variable queries. */
final class MetricReferences {

    private MetricReferences() {
    }

    /** Every name, histogram series ({@code _bucket}, {@code _sum}, {@code _count}) named by their histogram. */
    static TreeSet<String> of(Dashboard dashboard) throws PromQlException {
        List<String> queries = new ArrayList<>();
        for (Target t : dashboard.targets()) {
            queries.add(t.expr());
        }
        for (Target t : dashboard.annotationTargets()) {
            queries.add(t.expr());
        }
        for (var variable : dashboard.variables()) {
            VariableQuery.of(variable).filter(q -> !q.selector().isEmpty()).ifPresent(q -> queries.add(q.selector()));
        }
        TreeSet<String> names = new TreeSet<>();
        for (String q : queries) {
            for (VectorSelector s : PromQlParser.parse(LinterVariables.expand(q)).selectors()) {
                // A selector without a metric name stays as written, so no allow-list can match it.
                names.add(s.name() == null ? s.toString() : s.name().replaceFirst("_(bucket|sum|count)$", ""));
            }
        }
        return names;
    }
}
