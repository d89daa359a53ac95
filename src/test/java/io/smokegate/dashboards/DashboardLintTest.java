package io.smokegate.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.dashboards.grafana.Dashboard;
import io.smokegate.dashboards.grafana.Target;
import io.smokegate.dashboards.lint.DashboardLinter;
import io.smokegate.dashboards.lint.Finding;
import io.smokegate.dashboards.lint.LintRule;
import io.smokegate.dashboards.lint.PanelDatasourceRule;
import io.smokegate.dashboards.lint.PanelRule;
import io.smokegate.dashboards.lint.PanelTitleDescriptionRule;
import io.smokegate.dashboards.lint.PanelUnitsRule;
import io.smokegate.dashboards.lint.TargetMatcherRule;
import io.smokegate.dashboards.lint.TargetRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped dashboards pass {@code dashboard-linter lint --strict} as ported here, and the house rules that
 * widen it: every panel, whatever its type, and every annotation query are held to the same checks.
 */
class DashboardLintTest {

    static List<Dashboard> shipped() {
        return Dashboard.shipped();
    }

    @Test
    void theRuleSetIsTheLintersInItsOrderLessTheLokiRules() {
        assertEquals(List.of("template-datasource-rule", "template-job-rule", "template-instance-rule",
                        "template-label-promql-rule", "template-on-time-change-reload-rule", "panel-datasource-rule",
                        "panel-title-description-rule", "panel-units-rule", "panel-no-targets-rule", "target-promql-rule",
                        "target-rate-interval-rule", "target-job-rule", "target-instance-rule", "target-counter-agg-rule",
                        "uneditable-dashboard"),
                DashboardLinter.rules().stream().map(LintRule::name).toList());
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyDashboardPassesEveryLinterRuleWarningsIncluded(Dashboard dashboard) {
        assertEquals(List.of(), DashboardLinter.lint(dashboard));
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyPanelButRowsHasATitleADescriptionTheTemplatedDatasourceAndAUnit(Dashboard dashboard) {
        assertEquals(List.of(), houseRuleFindings(dashboard));
    }

    /** The linter's title, datasource and unit rules applied to every panel but rows, whatever its type. */
    private static List<Finding> houseRuleFindings(Dashboard dashboard) {
        List<Finding> findings = new ArrayList<>();
        for (PanelRule rule : List.of(new PanelTitleDescriptionRule(), new PanelDatasourceRule(), new PanelUnitsRule())) {
            for (JsonNode panel : dashboard.panels()) {
                if (!panel.path("type").asText().equals("row")) {
                    findings.addAll(rule.lint(dashboard, panel));
                }
            }
        }
        return findings;
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void annotationQueriesKeepToTheTargetRules(Dashboard dashboard) {
        List<Finding> findings = new ArrayList<>();
        for (LintRule rule : DashboardLinter.rules()) {
            if (rule instanceof TargetRule targetRule) {
                for (Target annotation : dashboard.annotationTargets()) {
                    findings.addAll(targetRule.lint(dashboard, annotation));
                }
            }
        }
        assertEquals(List.of(), findings);
    }

    @Test
    void theHouseRulesReachPanelTypesTheLinterSkips() {
        Dashboard d = Fixtures.overview();
        Fixtures.panel(d, "Run results").remove("description");
        assertEquals(List.of(), new PanelTitleDescriptionRule().lint(d), "the linter does not check state timelines");
        assertFalse(houseRuleFindings(d).isEmpty());
    }

    @Test
    void anAnnotationQueryWithoutTheInstanceMatcherIsCaught() {
        Dashboard d = Fixtures.overview();
        Fixtures.root(d).withArray("/annotations/list").addObject().put("name", "Deploys").put("enable", true)
                .put("iconColor", "blue").put("expr", "changes(smokegate_build_info{job=~\"$job\"}[1m]) > 0");
        TargetRule rule = TargetMatcherRule.instance();
        List<Finding> findings = d.annotationTargets().stream().flatMap(a -> rule.lint(d, a).stream()).toList();
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("annotation 'Deploys'", findings.get(0).where());
    }
}
