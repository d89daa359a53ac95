package io.smokegate.dashboards.lint;

import io.smokegate.dashboards.grafana.Dashboard;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A rule about the dashboard as a whole. */
abstract class DashboardRule extends NamedRule {

    DashboardRule(String name) {
        super(name);
    }

    Finding error(Dashboard dashboard, String message) {
        return new Finding(name(), Finding.Severity.ERROR, "dashboard '" + dashboard.name() + "'", message);
    }

    Finding warning(Dashboard dashboard, String message) {
        return new Finding(name(), Finding.Severity.WARNING, "dashboard '" + dashboard.name() + "'", message);
    }

    /** Each word capitalised and the rest lower-cased, as Go's cases.Title does: "job" is "Job". */
    static String titleCase(String s) {
        return Arrays.stream(s.split(" ", -1))
                .map(w -> w.isEmpty() ? w : w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" "));
    }
}
