package io.smokegate.dashboards.lint;

import io.smokegate.dashboards.grafana.Dashboard;
import java.util.ArrayList;
import java.util.List;

/**
 * grafana/dashboard-linter's rule set (lint/rules.go, commit 4d0844b), in its order, less the two Loki rules:
 * smokegate's dashboards query Prometheus only. Run as {@code lint --strict}: warnings count.
 */
public final class DashboardLinter {

    private DashboardLinter() {
    }

    public static List<LintRule> rules() {
        return List.of(
                new TemplateDatasourceRule(),
                TemplateVariableRule.job(),
                TemplateVariableRule.instance(),
                new TemplateLabelPromqlRule(),
                new TemplateOnTimeChangeReloadRule(),
                new PanelDatasourceRule(),
                new PanelTitleDescriptionRule(),
                new PanelUnitsRule(),
                new PanelNoTargetsRule(),
                new TargetPromqlRule(),
                new TargetRateIntervalRule(),
                TargetMatcherRule.job(),
                TargetMatcherRule.instance(),
                new TargetCounterAggRule(),
                new UneditableRule());
    }

    public static List<Finding> lint(Dashboard dashboard) {
        List<Finding> out = new ArrayList<>();
        for (LintRule rule : rules()) {
            out.addAll(rule.lint(dashboard));
        }
        return out;
    }
}
