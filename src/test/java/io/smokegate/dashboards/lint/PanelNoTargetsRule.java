package io.smokegate.dashboards.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.dashboards.grafana.Dashboard;
import java.util.List;

/** panel-no-targets-rule: a panel (stat, singlestat, graph, table, timeseries, gauge) has a {@code targets} list. */
public final class PanelNoTargetsRule extends PanelRule {

    public PanelNoTargetsRule() {
        super("panel-no-targets-rule", VISUAL_TYPES);
    }

    @Override
    public List<Finding> lint(Dashboard dashboard, JsonNode panel) {
        JsonNode targets = panel.path("targets");
        return targets.isMissingNode() || targets.isNull() ? List.of(error(panel, "has no targets")) : List.of();
    }
}
