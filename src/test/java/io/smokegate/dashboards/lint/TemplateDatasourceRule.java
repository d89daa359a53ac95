package io.smokegate.dashboards.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.dashboards.grafana.Dashboard;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * template-datasource-rule: the dashboard has a datasource variable; each is named {@code datasource} (when it
 * is the only one) or {@code <query>_datasource} (error otherwise), and labelled {@code Data source} or
 * {@code <Query> data source} (warning otherwise).
 */
public final class TemplateDatasourceRule extends DashboardRule {

    public TemplateDatasourceRule() {
        super("template-datasource-rule");
    }

    @Override
    public List<Finding> lint(Dashboard dashboard) {
        List<JsonNode> datasources = dashboard.variables().stream()
                .filter(v -> v.path("type").asText().equalsIgnoreCase("datasource")).toList();
        List<Finding> out = new ArrayList<>();
        if (datasources.isEmpty()) {
            out.add(error(dashboard, "does not have a templated data source"));
        }
        for (JsonNode v : datasources) {
            String query = v.path("query").asText();
            String specificName = query.toLowerCase(Locale.ROOT) + "_datasource";
            String specificLabel = titleCase(query) + " data source";
            Set<String> names = new HashSet<>(Set.of(specificName));
            Set<String> labels = new HashSet<>(Set.of(specificLabel));
            String nameError = "templated data source variable named '" + v.path("name").asText()
                    + "', should be named '" + specificName + "'";
            String labelError = "templated data source variable labeled '" + v.path("label").asText()
                    + "', should be labeled '" + specificLabel + "'";
            if (datasources.size() == 1) {
                names.add("datasource");
                labels.add("Data source");
                nameError += ", or 'datasource'";
                labelError += ", or 'Data source'";
            }
            if (!names.contains(v.path("name").asText())) {
                out.add(error(dashboard, nameError));
            }
            if (!labels.contains(v.path("label").asText())) {
                out.add(warning(dashboard, labelError));
            }
        }
        return out;
    }
}
