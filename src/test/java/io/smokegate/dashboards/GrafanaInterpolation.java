package io.smokegate.dashboards;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces Grafana variables as Grafana would before sending a query to Prometheus: the job picked by name,
 * "All" ({@code .+}) for the multi-select variables ({@code .*} for service and environment, whose "All" also
 * matches series without the label, as on the changes dashboard), and the intervals Grafana computes for a range and a
 * scrape interval of a few seconds. A variable not listed here fails the query, so a new one gets a value.
 */
final class GrafanaInterpolation {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");
    private final Map<String, String> values;

    GrafanaInterpolation(String job) {
        this.values = Map.of("job", job, "instance", ".+", "checklist", ".+", "check", ".+", "scenario", ".+",
                "service", ".*", "environment", ".*",
                "__rate_interval", "15s", "__interval", "15s", "__range", "1h");
    }

    String apply(String expr) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for Grafana variable $" + name + " in " + expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
