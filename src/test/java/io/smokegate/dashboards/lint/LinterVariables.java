package io.smokegate.dashboards.lint;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces Grafana variables with sample values before a query is parsed, as the linter does: outside double
 * quotes only, so {@code job=~"$job"} keeps its literal {@code $job}, while {@code [$__rate_interval]} becomes
 * a duration no one would write by hand, which is how the linter recognises it after parsing.
 */
public final class LinterVariables {

    /** What {@code $__rate_interval} becomes; a range of exactly this length was written as the variable. */
    public static final String RATE_INTERVAL_SAMPLE = "8869990787ms";
    private static final Map<String, String> GLOBALS = Map.of(
            "__rate_interval", RATE_INTERVAL_SAMPLE,
            "__interval", "4867856611ms",
            "__interval_ms", "7781188786",
            "__range", "6069770749ms",
            "__range_ms", "6737667980",
            "__range_s", "9397795485",
            "__auto", "12345ms");
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)|\\$\\{([^}]+)}|\\[\\[([^\\[\\]]+)]]");

    private LinterVariables() {
    }

    /**
     * A dashboard variable becomes its own name, which is what the linter uses for variables that carry no
     * saved value; shipped dashboards save none. A {@code :format} suffix only changes how several values are
     * joined, so one sample value ignores it.
     */
    public static String expand(String expr) {
        String[] parts = expr.split("\"", -1);
        for (int i = 0; i < parts.length; i += 2) {
            Matcher m = VARIABLE.matcher(parts[i]);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String ref = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                String name = ref.split(":", 2)[0];
                m.appendReplacement(out, Matcher.quoteReplacement(sample(name)));
            }
            m.appendTail(out);
            parts[i] = out.toString();
        }
        return String.join("\"", parts);
    }

    private static String sample(String name) {
        if (GLOBALS.containsKey(name)) {
            return GLOBALS.get(name);
        }
        return name.startsWith("__auto_interval") ? "10s" : name;
    }
}
