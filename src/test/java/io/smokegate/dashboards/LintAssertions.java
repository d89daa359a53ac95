package io.smokegate.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.dashboards.grafana.Dashboard;
import io.smokegate.dashboards.lint.Finding;
import io.smokegate.dashboards.lint.LintRule;
import java.util.List;

/** What the rule tests assert: a rule finds exactly the fault a test put in, worded as the linter words it. */
final class LintAssertions {

    private LintAssertions() {
    }

    /** The rule passes the dashboard as shipped and reports {@code expected} once it is broken. */
    static void assertFlags(LintRule rule, Dashboard broken, Finding.Severity severity, String expected) {
        String shipped = broken.name();
        assertEquals(List.of(), rule.lint(Dashboard.shipped().stream().filter(d -> d.name().equals(shipped)).findFirst().orElseThrow()),
                "the shipped " + shipped + " already fails " + rule.name());
        List<Finding> findings = rule.lint(broken);
        assertTrue(findings.stream().anyMatch(f -> f.severity() == severity && f.rule().equals(rule.name())
                        && f.message().contains(expected)),
                "expected " + severity + " '" + expected + "' from " + rule.name() + ", got " + findings);
    }

    static void assertPasses(LintRule rule, Dashboard dashboard) {
        assertEquals(List.of(), rule.lint(dashboard));
    }
}
