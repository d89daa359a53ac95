package io.smokegate.dashboards.lint;

import io.smokegate.dashboards.grafana.Dashboard;
import java.util.List;

/**
 * uneditable-dashboard: {@code "editable": false}. The linter reads a missing field as false; Grafana reads it
 * as true, so here the field must be there.
 */
public final class UneditableRule extends DashboardRule {

    public UneditableRule() {
        super("uneditable-dashboard");
    }

    @Override
    public List<Finding> lint(Dashboard dashboard) {
        if (dashboard.json().path("editable").isBoolean() && !dashboard.json().path("editable").asBoolean()) {
            return List.of();
        }
        return List.of(error(dashboard, "is editable, it should be set to 'editable: false'"));
    }
}
