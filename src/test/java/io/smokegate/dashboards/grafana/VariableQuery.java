package io.smokegate.dashboards.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus query variable, {@code label_values(selector, label)} and the like, split into what Grafana
 * sends to Prometheus: a series selector (empty for {@code label_values(label)}) and the label it lists.
 */
public record VariableQuery(String name, String function, String selector, String label) {

    private static final Pattern CALL = Pattern.compile("\\s*(label_values|label_names|metrics|query_result)\\((.*)\\)\\s*",
            Pattern.DOTALL);

    /** The variable's query, if it is a query variable Grafana's Prometheus datasource understands. */
    public static Optional<VariableQuery> of(JsonNode variable) {
        JsonNode q = variable.path("query");
        Matcher m = CALL.matcher(q.isObject() ? q.path("query").asText() : q.asText());
        if (!variable.path("type").asText().equals("query") || !m.matches()) {
            return Optional.empty();
        }
        String args = m.group(2).strip();
        String function = m.group(1);
        String name = variable.path("name").asText();
        if (!function.equals("label_values")) {
            return Optional.of(new VariableQuery(name, function, function.equals("query_result") ? args : "", ""));
        }
        int comma = args.lastIndexOf(',');
        return comma < 0 || args.lastIndexOf('}') > comma
                ? Optional.of(new VariableQuery(name, function, "", args))
                : Optional.of(new VariableQuery(name, function, args.substring(0, comma).strip(), args.substring(comma + 1).strip()));
    }
}
