package io.smokegate.dashboards.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.dashboards.grafana.Dashboard;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * template-job-rule and template-instance-rule: on a Prometheus dashboard, a variable of that name queries the
 * templated datasource, is a multi-select whose "All" is {@code .+}, and is labelled in title case (a warning).
 */
public final class TemplateVariableRule extends DashboardRule {

    private static final Set<String> TEMPLATED_UIDS = Set.of("$datasource", "${datasource}", "$prometheus_datasource",
            "${prometheus_datasource}");
    private final String variable;

    private TemplateVariableRule(String variable) {
        super("template-" + variable + "-rule");
        this.variable = variable;
    }

    public static TemplateVariableRule job() {
        return new TemplateVariableRule("job");
    }

    public static TemplateVariableRule instance() {
        return new TemplateVariableRule("instance");
    }

    @Override
    public List<Finding> lint(Dashboard dashboard) {
        if (!dashboard.isPrometheus()) {
            return List.of();
        }
        Optional<JsonNode> found = dashboard.variable(variable);
        if (found.isEmpty()) {
            return List.of(error(dashboard, "is missing the " + variable + " template"));
        }
        JsonNode v = found.get();
        List<Finding> out = new ArrayList<>();
        String uid = "";
        try {
            uid = DatasourceRef.uid(v.path("datasource"));
        } catch (IllegalArgumentException e) {
            out.add(error(dashboard, variable + " template has invalid datasource " + e.getMessage()));
        }
        if (!TEMPLATED_UIDS.contains(uid)) {
            out.add(error(dashboard, variable + " template should use datasource '$datasource', is currently '" + uid + "'"));
        }
        if (!v.path("type").asText().equals("query")) {
            out.add(error(dashboard, variable + " template should be a Prometheus query, is currently '" + v.path("type").asText() + "'"));
        }
        String label = titleCase(variable);
        if (!v.path("label").asText().equals(label)) {
            out.add(warning(dashboard, variable + " template should be a labeled '" + label + "', is currently '"
                    + v.path("label").asText() + "'"));
        }
        if (!v.path("multi").asBoolean(false)) {
            out.add(error(dashboard, variable + " template should be a multi select"));
        }
        if (!v.path("allValue").asText().equals(".+")) {
            out.add(error(dashboard, variable + " template allValue should be '.+', is currently '" + v.path("allValue").asText() + "'"));
        }
        return out;
    }
}
