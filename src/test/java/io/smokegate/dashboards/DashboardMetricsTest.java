package io.smokegate.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckRegistry;
import io.smokegate.dashboards.grafana.Dashboard;
import io.smokegate.metrics.MetricNames;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Dashboards read only metrics smokegate exports (MetricNames.all(CheckRegistry.standard().measures())), and Prometheus's own {@code up}. */
class DashboardMetricsTest {

    static List<Dashboard> shipped() {
        return Dashboard.shipped();
    }

    private static Set<String> unknown(Dashboard dashboard) throws Exception {
        TreeSet<String> names = MetricReferences.of(dashboard);
        names.removeAll(MetricNames.all(CheckRegistry.standard().measures()));
        names.remove("up");
        return names;
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyMetricADashboardReadsIsExported(Dashboard dashboard) throws Exception {
        assertEquals(Set.of(), unknown(dashboard));
    }

    @Test
    void histogramSeriesAreReadAsTheirHistogram() throws Exception {
        TreeSet<String> names = MetricReferences.of(Fixtures.overview());
        assertTrue(names.contains("smokegate_run_duration_seconds"), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.endsWith("_bucket")), names.toString());
    }

    @Test
    void variableAndAnnotationQueriesAreReadToo() throws Exception {
        TreeSet<String> names = MetricReferences.of(Fixtures.overview());
        assertTrue(names.containsAll(List.of("smokegate_build_info", "smokegate_gate_last_timestamp_seconds")), names.toString());
    }

    @Test
    void aMisspeltMetricIsReported() throws Exception {
        Dashboard d = Fixtures.withExpr(Fixtures.goproxy(), "Tree size",
                "smokegate_sumdb_tree_records{job=~\"$job\", instance=~\"$instance\"}");
        assertEquals(Set.of("smokegate_sumdb_tree_records"), unknown(d));
    }
}
