package io.smokegate.dashboards.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.dashboards.grafana.Dashboard;
import io.smokegate.dashboards.promql.PromQlException;
import io.smokegate.dashboards.promql.PromQlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * template-label-promql-rule: on a Prometheus dashboard, every query variable is {@code function(argument)}
 * with one of Grafana's Prometheus variable functions, and the argument starts with valid PromQL (what
 * follows it, such as {@code , label} of label_values, is not read).
 */
public final class TemplateLabelPromqlRule extends DashboardRule {

    private static final Pattern CALL = Pattern.compile("([a-z_]+)\\((.+)\\)");
    private static final Set<String> FUNCTIONS = Set.of("label_names", "label_values", "metrics", "query_result");

    public TemplateLabelPromqlRule() {
        super("template-label-promql-rule");
    }

    @Override
    public List<Finding> lint(Dashboard dashboard) {
        List<Finding> out = new ArrayList<>();
        if (!dashboard.isPrometheus()) {
            return out;
        }
        for (JsonNode v : dashboard.variables()) {
            if (v.path("type").asText().equals("query")) {
                String query = query(v);
                String problem = problem(query);
                if (problem != null) {
                    out.add(error(dashboard, "template '" + v.path("name").asText() + "' invalid templated label '" + query + "': "
                            + problem));
                }
            }
        }
        return out;
    }

    /** The query text, which Grafana saves either as a string or as {@code {"query": ...}}. */
    private static String query(JsonNode variable) {
        JsonNode q = variable.path("query");
        return q.isObject() ? q.path("query").asText() : q.asText();
    }

    private static String problem(String query) {
        Matcher m = CALL.matcher(query);
        if (!m.find()) {
            return "invalid 'query': " + query;
        }
        if (!FUNCTIONS.contains(m.group(1))) {
            return "invalid 'function': " + m.group(1);
        }
        try {
            PromQlParser.parseLeading(LinterVariables.expand(m.group(2)));
            return null;
        } catch (PromQlException e) {
            return e.getMessage();
        }
    }
}
