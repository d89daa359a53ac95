package io.smokegate.dashboards.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.dashboards.grafana.Dashboard;
import java.util.List;

/** panel-title-description-rule: a panel (stat, singlestat, graph, table, timeseries, gauge) has a title and a description. */
public final class PanelTitleDescriptionRule extends PanelRule {

    public PanelTitleDescriptionRule() {
        super("panel-title-description-rule", VISUAL_TYPES);
    }

    @Override
    public List<Finding> lint(Dashboard dashboard, JsonNode panel) {
        String title = panel.path("title").asText("");
        String description = panel.path("description").asText("");
        if (title.isEmpty() || description.isEmpty()) {
            return List.of(error(panel, "has missing title or description, currently has title '" + title
                    + "' and description: '" + description + "'"));
        }
        return List.of();
    }
}
