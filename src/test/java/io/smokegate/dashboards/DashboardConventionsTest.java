package io.smokegate.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.dashboards.grafana.Dashboard;
import io.smokegate.dashboards.grafana.Target;
import io.smokegate.dashboards.lint.LinterVariables;
import io.smokegate.dashboards.promql.Expr.MatchOp;
import io.smokegate.dashboards.promql.Expr.Matcher;
import io.smokegate.dashboards.promql.Expr.VectorSelector;
import io.smokegate.dashboards.promql.PromQlParser;
import io.smokegate.metrics.MetricNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What a provisioned smokegate dashboard is, beyond the schema and the linter. */
class DashboardConventionsTest {

    /**
     * Series of the service itself, which carry no checklist label: its queue, alerts received, tech-debt scans, chaos
     * experiments, deploys, attributions and DORA figures (by service; the histogram read through its buckets).
     */
    private static final Set<String> SERVICE_METRICS = Set.of("up", MetricNames.BUILD_INFO, MetricNames.RUN_QUEUE_DEPTH,
            MetricNames.RUNS_IN_PROGRESS, MetricNames.RUNS_REJECTED, MetricNames.STORE_ERRORS, MetricNames.ALERTS_RECEIVED,
            MetricNames.TECHDEBT_FIGURE, MetricNames.TECHDEBT_DEPRECATED_API_OBJECTS, MetricNames.TECHDEBT_LAST_SCAN_TIMESTAMP,
            MetricNames.TECHDEBT_SCAN_DURATION, MetricNames.TECHDEBT_SCAN_FAILURES, MetricNames.TECHDEBT_THRESHOLD_CROSSED,
            MetricNames.CHAOS_EXPERIMENTS_ACTIVE, MetricNames.CHAOS_FAULT_ACTIVE, MetricNames.CHAOS_EXPERIMENT_DEADLINE,
            MetricNames.CHAOS_EXPERIMENTS, MetricNames.CHAOS_INJECTIONS, MetricNames.CHAOS_RECOVERY_SECONDS, MetricNames.CHAOS_RESILIENCE_SCORE,
            MetricNames.CHAOS_PHASE_SUCCESS_RATIO, MetricNames.CHAOS_ORPHANS_SWEPT, MetricNames.CHAOS_ORPHANS_LEFT,
            MetricNames.DEPLOYMENT_LAST_TIMESTAMP, MetricNames.ATTRIBUTIONS, MetricNames.ATTRIBUTION_FAILURES,
            MetricNames.ATTRIBUTION_DURATION + "_bucket", MetricNames.ATTRIBUTION_SUSPECT_INFO, MetricNames.DORA_DEPLOYMENTS,
            MetricNames.DORA_DEPLOYMENTS_PER_DAY, MetricNames.DORA_LEAD_TIME, MetricNames.DORA_FAILED_DEPLOYMENTS,
            MetricNames.DORA_CHANGE_FAILURE_RATIO, MetricNames.DORA_RECOVERY_TIME, MetricNames.DORA_UNRECOVERED_DEPLOYMENTS);

    static List<Dashboard> shipped() {
        return Dashboard.shipped();
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void aDashboardIsIdentifiedByUidAloneAsProvisioningUpsertsByUid(Dashboard dashboard) {
        String uid = dashboard.json().path("uid").asText("");
        assertTrue(uid.length() >= 8 && uid.length() <= 40, "uid of 8 to 40 characters, got '" + uid + "'");
        assertFalse(dashboard.json().has("id"), "an id is an instance's database key; provisioned files leave it out");
    }

    @Test
    void noTwoDashboardsShareAUidOrATitle() {
        List<Dashboard> all = shipped();
        assertEquals(all.size(), all.stream().map(d -> d.json().path("uid").asText()).distinct().count());
        assertEquals(all.size(), all.stream().map(d -> d.json().path("title").asText()).distinct().count());
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void theSchemaVersionIsOneCurrentGrafanaWrites(Dashboard dashboard) {
        assertTrue(Set.of(41, 42).contains(dashboard.json().path("schemaVersion").asInt()),
                "schemaVersion " + dashboard.json().path("schemaVersion"));
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void panelIdsAreUniqueAndPanelsFitTheTwentyFourColumnGrid(Dashboard dashboard) {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.panels()) {
            assertTrue(ids.add(panel.path("id").asInt()), Dashboard.title(panel) + " reuses id " + panel.path("id"));
            JsonNode grid = panel.path("gridPos");
            assertTrue(grid.path("x").asInt() + grid.path("w").asInt() <= 24, Dashboard.title(panel) + " overflows the grid: " + grid);
        }
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyPerChecklistSeriesIsFilteredByTheChecklistVariable(Dashboard dashboard) throws Exception {
        assertEquals(List.of(), unfiltered(dashboard));
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyPanelMustShowDataLive(Dashboard dashboard) {
        Set<String> titles = new HashSet<>();
        for (JsonNode panel : dashboard.panels()) {
            String title = panel.path("title").asText();
            titles.add(title);
            if (!panel.path("type").asText().equals("row")) {
                assertTrue(LiveDataExpectations.mustShowData(dashboard.name(), title),
                        Dashboard.title(panel) + " of " + dashboard + " must be listed in LiveDataExpectations");
            }
        }
        Set<String> listed = new HashSet<>(LiveDataExpectations.MUST_SHOW_DATA.getOrDefault(dashboard.name(), Set.of()));
        listed.removeAll(titles);
        assertEquals(Set.of(), listed, "listed panels that " + dashboard + " does not have");
    }

    @Test
    void aPerChecklistSeriesWithoutTheChecklistFilterIsReported() throws Exception {
        Dashboard d = Fixtures.withExpr(Fixtures.overview(), "Last run age",
                "time() - smokegate_run_last_timestamp_seconds{job=~\"$job\", instance=~\"$instance\"}");
        assertEquals(List.of("panel 'Last run age' target A: smokegate_run_last_timestamp_seconds"), unfiltered(d));
    }

    private static List<String> unfiltered(Dashboard dashboard) throws Exception {
        Matcher wanted = new Matcher("checklist", MatchOp.REGEX, "$checklist");
        List<Target> queries = new ArrayList<>(dashboard.targets());
        queries.addAll(dashboard.annotationTargets());
        List<String> out = new ArrayList<>();
        for (Target t : queries) {
            for (VectorSelector s : PromQlParser.parse(LinterVariables.expand(t.expr())).selectors()) {
                if (!SERVICE_METRICS.contains(s.name()) && !s.matchers().contains(wanted)) {
                    out.add(t.where() + ": " + s.name());
                }
            }
        }
        return out;
    }
}
