package io.smokegate.techdebt;

/**
 * A deployed Helm release and how far its chart is behind, as the JSON contract shows it:
 * {@code {"release","namespace","chart","version","latest","outdated","majorsBehind","deprecated"}}. Filled by the
 * Helm source; {@code latest} is null when no configured chart repository knows the chart.
 *
 * @param deprecated the chart is deprecated: the release's chart says so, or the repository's newest version does
 */
public record HelmRelease(String release, String namespace, String chart, String version, String latest,
        boolean outdated, int majorsBehind, boolean deprecated) {

    /** A release of a chart that is not deprecated. */
    public HelmRelease(String release, String namespace, String chart, String version, String latest, boolean outdated,
            int majorsBehind) {
        this(release, namespace, chart, version, latest, outdated, majorsBehind, false);
    }
}
