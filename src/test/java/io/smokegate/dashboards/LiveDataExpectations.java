package io.smokegate.dashboards;

import java.util.Map;
import java.util.Set;

/**
 * The panels the live test requires to show data, by dashboard file and panel title: every panel but rows
 * (DashboardConventionsTest holds the list to that), so a new panel has to be named here and fed by the runs,
 * gates, alerts and scans the live test makes.
 */
final class LiveDataExpectations {

    /** Every query of these panels returns at least one finite value from the runs the live test makes. */
    static final Map<String, Set<String>> MUST_SHOW_DATA = Map.of(
            "smokegate-overview.json", Set.of("Runs passed in time range", "Checks passed in the last run", "Last run age",
                    "Run results", "Check results", "Runs by result", "Run duration", "Check duration", "Scrape target up",
                    "Run queue", "Refused and skipped runs", "Gate verdicts", "Gate score", "SLO objective",
                    "Error budget remaining (30 days)", "Gate evaluations by verdict", "Alerts received", "Analyses running",
                    "Analyses by phase in time range", "Analysis measurements by outcome"),
            "smokegate-goproxy.json", Set.of("Security failures", "Check results", "Failing checks by type",
                    "Security failures by type", "Response status by endpoint", "Request latency by endpoint",
                    "Downloaded bytes", "Tree size", "Tree age", "Tile cache"),
            "smokegate-cluster.json", Set.of("Check results", "Nodes not Ready", "Nodes", "API server latency",
                    "/readyz failed checks", "Workloads by kind", "Unhealthy workloads by kind", "Highest container restarts",
                    "Certificate days left per Secret", "Fewest days left", "GitOps objects by kind", "Out of sync by kind",
                    "Drift matrix", "Facts that differ"),
            "smokegate-techdebt.json", Set.of("Outdated Helm chart ratio", "StatefulSets without PDB",
                    "Files with deprecated apiVersions", "Helm releases", "Workload hygiene",
                    "Deprecated API objects by status, apiVersion and kind", "Deprecated API objects by status",
                    "Deprecated API objects over time", "Manifest figures", "Thresholds crossed", "Last scan age",
                    "Scan duration", "Scan failures"),
            "smokegate-chaos.json", Set.of("Experiments active", "Time left to the maximum duration", "Fault in place",
                    "Success ratio per phase", "Last experiment by phase", "Resilience score", "Resilience score over time",
                    "Recovery time", "Experiments by verdict", "Injections by result", "Orphans swept", "Orphans left"),
            "smokegate-changes.json", Set.of("Error ratio of the watching checklists", "Error budget remaining (30 days)",
                    "Deploys per day", "Lead time for changes", "Change failure rate", "Recovery time",
                    "Unrecovered failed deploys", "Deploys and failed deploys", "Recent attributions",
                    "Attributions by confidence", "Time to attribute", "Attribution failures"));

    private LiveDataExpectations() {
    }

    static boolean mustShowData(String dashboard, String panel) {
        return MUST_SHOW_DATA.getOrDefault(dashboard, Set.of()).contains(panel);
    }
}
