package io.smokegate.techdebt;

import io.smokegate.input.Suggestions;
import io.smokegate.techdebt.helm.HelmReleases;
import io.smokegate.techdebt.hygiene.HygieneRules;
import io.smokegate.techdebt.hygiene.WorkloadHygiene;
import io.smokegate.techdebt.live.LastAppliedConfigurations;
import io.smokegate.techdebt.live.RequestedDeprecatedApis;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every figure a scan can report, with what it counts: the names thresholds, gauges and dashboards may use. A new
 * source adds its figures here, so a threshold on them is accepted before the first scan ran.
 */
public final class TechDebtFigures {

    private static final Map<String, String> KNOWN = known();

    private TechDebtFigures() {
    }

    private static Map<String, String> known() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TechDebtScan.DEPRECATED_API_FILES, "Files that use at least one deprecated or removed API version");
        m.put(TechDebtScan.DEPRECATED_API_OBJECTS, "Objects that use a deprecated or removed API version");
        m.put(ManifestFiles.FILES_SCANNED, "Manifest files read");
        m.put(HelmReleases.RELEASES, "Helm releases found");
        m.put(HelmReleases.OUTDATED, "Helm releases whose chart is behind the newest stable version");
        m.put(HelmReleases.OUTDATED_RATIO, "Share of Helm releases whose chart is outdated");
        m.put(HelmReleases.DEPRECATED_CHARTS, "Helm releases whose chart is marked deprecated");
        m.put(WorkloadHygiene.WORKLOADS, "Workloads judged by the hygiene rules");
        m.put(WorkloadHygiene.STATEFULSETS_WITHOUT_PDB, "StatefulSets without a PodDisruptionBudget");
        m.put(WorkloadHygiene.DEPLOYMENTS_WITHOUT_PDB, "Deployments of several replicas without a PodDisruptionBudget");
        for (String check : HygieneRules.CHECKS) {
            m.put(check, "Workloads failing the hygiene rule " + check);
        }
        m.put(LastAppliedConfigurations.OBJECTS, "Objects whose last-applied annotation was judged");
        m.put(RequestedDeprecatedApis.REQUESTED, "Deprecated APIs clients requested, as the API server counts them");
        return Collections.unmodifiableMap(m);
    }

    /** The names of every figure, in the order the README lists them. */
    public static Set<String> names() {
        return KNOWN.keySet();
    }

    public static boolean isKnown(String figure) {
        return KNOWN.containsKey(figure);
    }

    /** How to fix an unknown figure name: the nearest known one if any is close, and always the whole list. */
    public static String hint(String unknown) {
        String list = "known figures: " + String.join(", ", KNOWN.keySet());
        return Suggestions.nearest(unknown, KNOWN.keySet()).map(n -> "did you mean '" + n + "'? " + list).orElse(list);
    }
}
