package io.smokegate.techdebt;

import io.smokegate.input.Suggestions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every figure a scan can report, with what it counts: the names thresholds, gauges and dashboards may use. A new
 * source adds its figures here, so a threshold on them is accepted before the first scan ran.
 */
public final class TechDebtFigures {

    /** Figure: Helm releases found (the Helm source). */
    public static final String HELM_RELEASES = "helmReleases";
    /** Figure: Helm releases whose chart is behind the newest stable version of its repository. */
    public static final String HELM_OUTDATED = "helmOutdated";
    /** Figure: {@link #HELM_OUTDATED} divided by {@link #HELM_RELEASES} (0 without releases). */
    public static final String HELM_OUTDATED_RATIO = "helmOutdatedRatio";
    /** Figure: StatefulSets that no PodDisruptionBudget selects (the hygiene source). */
    public static final String STATEFULSETS_WITHOUT_PDB = "statefulSetsWithoutPdb";

    private static final Map<String, String> KNOWN = known();

    private TechDebtFigures() {
    }

    private static Map<String, String> known() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TechDebtScan.DEPRECATED_API_FILES, "Files that use at least one deprecated or removed API version");
        m.put(TechDebtScan.DEPRECATED_API_OBJECTS, "Objects that use a deprecated or removed API version");
        m.put(ManifestFiles.FILES_SCANNED, "Manifest files read");
        m.put(HELM_RELEASES, "Helm releases found");
        m.put(HELM_OUTDATED, "Helm releases whose chart is behind the newest stable version");
        m.put(HELM_OUTDATED_RATIO, "Share of Helm releases whose chart is outdated");
        m.put(STATEFULSETS_WITHOUT_PDB, "StatefulSets without a PodDisruptionBudget");
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
