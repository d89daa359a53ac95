package io.smokegate.techdebt;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scan, the model of the stable JSON contract
 * {@code {"scannedAt","targetVersion","targetVersions","figures":{…},"deprecatedApis":[…],"helmReleases":[…],"hygiene":[…],"skipped":[…]}}
 * (see {@link TechDebtJson}). Figures keep their order: the deprecated-API figures first, then each source's.
 */
public record TechDebtScan(Instant scannedAt, TargetVersions targets, Map<String, Number> figures,
        List<DeprecatedApiFinding> deprecatedApis, List<HelmRelease> helmReleases, List<HygieneFinding> hygiene,
        List<Skipped> skipped) {

    /** The figure the seed dashboards show: files that use at least one deprecated or removed API version. */
    public static final String DEPRECATED_API_FILES = "deprecatedApiFiles";
    /** Objects (from every source) that use a deprecated or removed API version. */
    public static final String DEPRECATED_API_OBJECTS = "deprecatedApiObjects";

    public TechDebtScan {
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        deprecatedApis = List.copyOf(deprecatedApis);
        helmReleases = List.copyOf(helmReleases);
        hygiene = List.copyOf(hygiene);
        skipped = List.copyOf(skipped);
    }

    /** True when some source could not look at everything. */
    public boolean partial() {
        return !skipped.isEmpty();
    }
}
