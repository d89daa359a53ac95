package io.smokegate.dashboards.lint;

import io.smokegate.dashboards.grafana.Dashboard;
import java.util.List;

/** One grafana/dashboard-linter rule, ported to Java; named as the linter names it. */
public interface LintRule {

    String name();

    List<Finding> lint(Dashboard dashboard);
}
