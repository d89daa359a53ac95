package io.smokegate.techdebt.helm;

/**
 * A Helm release revision as Helm stores it, the fields the scan needs from its JSON ({@code release.Release}):
 * name, namespace, revision ({@code version}), {@code info.status}, the chart's {@code metadata.name},
 * {@code metadata.version} and {@code metadata.deprecated}, and the rendered {@code manifest}.
 */
public record StoredRelease(String name, String namespace, int revision, String status, String chart, String chartVersion,
        boolean chartDeprecated, String manifest) {

    /** Helm's status of the revision that is live ({@code release.StatusDeployed}). */
    public static final String DEPLOYED = "deployed";

    public boolean deployed() {
        return DEPLOYED.equals(status);
    }
}
