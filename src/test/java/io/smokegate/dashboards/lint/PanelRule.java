package io.smokegate.dashboards.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.dashboards.grafana.Dashboard;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A rule about each panel of the types the linter applies it to. */
public abstract class PanelRule extends NamedRule {

    /** The types most panel rules of the linter apply to. */
    static final Set<String> VISUAL_TYPES = Set.of("stat", "singlestat", "graph", "table", "timeseries", "gauge");

    private final Set<String> types;

    PanelRule(String name, Set<String> types) {
        super(name);
        this.types = types;
    }

    @Override
    public List<Finding> lint(Dashboard dashboard) {
        List<Finding> out = new ArrayList<>();
        for (JsonNode panel : dashboard.panels()) {
            if (types.contains(panel.path("type").asText())) {
                out.addAll(lint(dashboard, panel));
            }
        }
        return out;
    }

    /** Checks one panel, whatever its type; public so house rules can hold panel types the linter skips to it. */
    public abstract List<Finding> lint(Dashboard dashboard, JsonNode panel);

    Finding error(JsonNode panel, String message) {
        return new Finding(name(), Finding.Severity.ERROR, Dashboard.title(panel), message);
    }
}
