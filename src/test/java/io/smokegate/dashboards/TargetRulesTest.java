package io.smokegate.dashboards;

import static io.smokegate.dashboards.LintAssertions.assertFlags;
import static io.smokegate.dashboards.LintAssertions.assertPasses;
import static io.smokegate.dashboards.lint.Finding.Severity.ERROR;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smokegate.dashboards.grafana.Dashboard;
import io.smokegate.dashboards.lint.TargetCounterAggRule;
import io.smokegate.dashboards.lint.TargetMatcherRule;
import io.smokegate.dashboards.lint.TargetPromqlRule;
import io.smokegate.dashboards.lint.TargetRateIntervalRule;
import org.junit.jupiter.api.Test;

/** The linter's rules on panel queries, each shown failing. */
class TargetRulesTest {

    private static final String M = "job=~\"$job\", instance=~\"$instance\"";

    @Test
    void aTargetThatDoesNotParseIsAnError() {
        Dashboard d = Fixtures.withExpr(Fixtures.overview(), "Run results", "smokegate_run_success{" + M + "");
        assertFlags(new TargetPromqlRule(), d, ERROR, "invalid PromQL query 'smokegate_run_success{" + M + "': ");
    }

    @Test
    void aTargetIsParsedWithGrafanaVariablesReplacedBySamples() {
        Dashboard d = Fixtures.withExpr(Fixtures.overview(), "Run duration",
                "rate(smokegate_run_duration_seconds_count{" + M + "}[$__rate_interval]) * $__range_s");
        assertPasses(new TargetPromqlRule(), d);
    }

    @Test
    void anEmptyTargetReusingAPanelThatDoesNotExistIsAnError() {
        Dashboard d = Fixtures.withExpr(Fixtures.overview(), "Check duration", "");
        ((ObjectNode) Fixtures.panel(d, "Check duration").path("targets").get(0)).put("panelId", 999);
        assertFlags(new TargetPromqlRule(), d, ERROR, "Invalid panel reference in target");
    }

    @Test
    void aRateOverAFixedRangeIsAnError() {
        Dashboard d = Fixtures.withExpr(Fixtures.overview(), "Check duration",
                "rate(smokegate_check_duration_seconds_count{" + M + "}[5m])");
        assertFlags(new TargetRateIntervalRule(), d, ERROR, "should use $__rate_interval");
    }

    @Test
    void anIrateOverTheDashboardIntervalIsAnError() {
        Dashboard d = Fixtures.withExpr(Fixtures.overview(), "Check duration",
                "irate(smokegate_check_duration_seconds_count{" + M + "}[$__interval])");
        assertFlags(new TargetRateIntervalRule(), d, ERROR, "should use $__rate_interval");
    }

    @Test
    void anIncreaseOverAFixedRangeIsAllowed() {
        Dashboard d = Fixtures.withExpr(Fixtures.overview(), "Check duration",
                "increase(smokegate_check_duration_seconds_count{" + M + "}[1h])");
        assertPasses(new TargetRateIntervalRule(), d);
    }

    @Test
    void aSelectorWithoutTheJobMatcherIsAnError() {
        Dashboard d = Fixtures.withExpr(Fixtures.goproxy(), "Tree size", "smokegate_sumdb_tree_size{instance=~\"$instance\"}");
        assertFlags(TargetMatcherRule.job(), d, ERROR, "job selector not found");
    }

    @Test
    void everySelectorOfATargetNeedsTheJobMatcherNotJustTheFirst() {
        Dashboard d = Fixtures.withExpr(Fixtures.goproxy(), "Tree size",
                "smokegate_sumdb_tree_size{" + M + "} / on (check) smokegate_sumdb_tree_age_seconds{instance=~\"$instance\"}");
        assertFlags(TargetMatcherRule.job(), d, ERROR, "job selector not found");
    }

    @Test
    void aJobMatcherWrittenWithBracesIsAnError() {
        Dashboard d = Fixtures.withExpr(Fixtures.goproxy(), "Tree size",
                "smokegate_sumdb_tree_size{job=~\"${job}\", instance=~\"$instance\"}");
        assertFlags(TargetMatcherRule.job(), d, ERROR, "job selector is ${job}, not $job");
    }

    @Test
    void anInstanceMatcherThatIsNotARegexMatchIsAnError() {
        Dashboard d = Fixtures.withExpr(Fixtures.goproxy(), "Tree size",
                "smokegate_sumdb_tree_size{job=~\"$job\", instance=\"$instance\"}");
        assertFlags(TargetMatcherRule.instance(), d, ERROR, "instance selector is =, not =~");
    }

    @Test
    void theMatcherRulesHoldForStateTimelinesToo() {
        Dashboard d = Fixtures.withExpr(Fixtures.overview(), "Run results", "smokegate_run_success{job=~\"$job\"}");
        assertFlags(TargetMatcherRule.instance(), d, ERROR, "instance selector not found");
    }

    @Test
    void aCounterOutsideRateOrIncreaseIsAnError() {
        Dashboard d = Fixtures.withExpr(Fixtures.overview(), "Runs by result",
                "sum by (checklist, status) (smokegate_runs_total{" + M + "})");
        assertFlags(new TargetCounterAggRule(), d, ERROR,
                "counter metric 'smokegate_runs_total{" + M + "}' is not aggregated with rate, irate, or increase");
    }

    @Test
    void aCounterUnderAnotherRangeFunctionIsAnError() {
        Dashboard d = Fixtures.withExpr(Fixtures.overview(), "Runs by result",
                "max_over_time(smokegate_runs_total{" + M + "}[$__interval])");
        assertFlags(new TargetCounterAggRule(), d, ERROR, "is not aggregated with rate, irate, or increase");
    }
}
