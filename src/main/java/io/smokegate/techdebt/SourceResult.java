package io.smokegate.techdebt;

import java.util.List;
import java.util.Map;

/**
 * What one {@link TechDebtSource} found. Figures are the source's own numbers (e.g. {@code manifestFiles},
 * {@code helmOutdatedRatio}); each figure name belongs to one source. The deprecated-API figures are not here: the
 * scanner counts them over the findings of all sources.
 */
public record SourceResult(List<DeprecatedApiFinding> deprecatedApis, List<HelmRelease> helmReleases,
        List<HygieneFinding> hygiene, List<Skipped> skipped, Map<String, Number> figures) {

    public SourceResult {
        deprecatedApis = List.copyOf(deprecatedApis);
        helmReleases = List.copyOf(helmReleases);
        hygiene = List.copyOf(hygiene);
        skipped = List.copyOf(skipped);
        figures = Map.copyOf(figures);
    }

    /** The result of a source that finds deprecated API versions only. */
    public static SourceResult ofDeprecatedApis(List<DeprecatedApiFinding> found, List<Skipped> skipped, Map<String, Number> figures) {
        return new SourceResult(found, List.of(), List.of(), skipped, figures);
    }
}
