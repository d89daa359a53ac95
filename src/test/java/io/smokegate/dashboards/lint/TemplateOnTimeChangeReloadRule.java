package io.smokegate.dashboards.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.dashboards.grafana.Dashboard;
import java.util.ArrayList;
import java.util.List;

/** template-on-time-change-reload-rule: every query variable refreshes on time range change ({@code refresh: 2}). */
public final class TemplateOnTimeChangeReloadRule extends DashboardRule {

    public TemplateOnTimeChangeReloadRule() {
        super("template-on-time-change-reload-rule");
    }

    @Override
    public List<Finding> lint(Dashboard dashboard) {
        List<Finding> out = new ArrayList<>();
        for (JsonNode v : dashboard.variables()) {
            if (v.path("type").asText().equals("query") && v.path("refresh").asInt(0) != 2) {
                out.add(error(dashboard, "templated datasource variable named '" + v.path("name").asText()
                        + "', should be set to be refreshed 'On Time Range Change (value 2)', is currently '"
                        + v.path("refresh").asInt(0) + "'"));
            }
        }
        return out;
    }
}
