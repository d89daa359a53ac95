package io.smokegate.dashboards.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.dashboards.grafana.Dashboard;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * panel-datasource-rule: a panel (singlestat, graph, table, timeseries) uses a datasource variable as its
 * panel-level datasource uid, {@code $name} or {@code ${name}}.
 */
public final class PanelDatasourceRule extends PanelRule {

    public PanelDatasourceRule() {
        super("panel-datasource-rule", Set.of("singlestat", "graph", "table", "timeseries"));
    }

    @Override
    public List<Finding> lint(Dashboard dashboard, JsonNode panel) {
        Set<String> templated = new HashSet<>();
        for (JsonNode v : dashboard.variables()) {
            if (v.path("type").asText().equalsIgnoreCase("datasource")) {
                templated.add("$" + v.path("name").asText());
                templated.add("${" + v.path("name").asText() + "}");
            }
        }
        String uid;
        try {
            uid = DatasourceRef.uid(panel.path("datasource"));
        } catch (IllegalArgumentException e) {
            return List.of(error(panel, "has invalid datasource: " + e.getMessage()));
        }
        return templated.contains(uid) ? List.of() : List.of(error(panel, "does not use a templated datasource, uses '" + uid + "'"));
    }
}
