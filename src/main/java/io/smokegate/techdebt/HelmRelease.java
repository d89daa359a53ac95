package io.smokegate.techdebt;

/**
 * A deployed Helm release and how far its chart is behind, as the JSON contract shows it:
 * {@code {"release","namespace","chart","version","latest","outdated","majorsBehind"}}. Filled by the Helm
 * source (a later slice); {@code latest} is null when no configured chart repository knows the chart.
 */
public record HelmRelease(String release, String namespace, String chart, String version, String latest,
        boolean outdated, int majorsBehind) {
}
