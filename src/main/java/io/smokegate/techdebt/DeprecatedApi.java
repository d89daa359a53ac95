package io.smokegate.techdebt;

import java.util.Objects;
import java.util.Optional;

/**
 * One row of the deprecation table: an API version (group/version as manifests write it) of one kind, or of
 * every kind when {@code kind} is empty, with the release of the {@code component} that deprecated it and the
 * one that stopped serving it (either may be unknown: null), and what to use instead (empty when nothing
 * replaces it, e.g. PodSecurityPolicy).
 */
public record DeprecatedApi(String apiVersion, String kind, ReleaseVersion deprecatedIn, ReleaseVersion removedIn,
        String replacement, String component) {

    /** How many minor releases ahead of the target a removal counts as {@link ApiStatus#REMOVED_IN_NEXT}. */
    public static final int NEXT_MINORS = 2;

    public DeprecatedApi {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(component, "component");
    }

    /** True when this row covers every kind of its API version. */
    public boolean wholeVersion() {
        return kind.isEmpty();
    }

    /**
     * The status of this API version at {@code target} (a release of this row's component), the worst that applies:
     * <ul>
     *   <li>{@code removed} when {@code target >= removedIn} (v1.16.0 and v1.16.3 for a removal in v1.16.0);
     *   <li>{@code removed-in-next} when not removed yet but {@code removedIn} is at most {@value #NEXT_MINORS}
     *       minors after the target within the same major (v1.14.x and v1.15.x for a removal in v1.16.0; a
     *       removal in a later major is never "next", as minors do not count across majors);
     *   <li>{@code deprecated} when {@code target >= deprecatedIn};
     *   <li>empty otherwise: not reported.
     * </ul>
     * Comparisons are by major, minor and patch, as Pluto's semver comparison (so a target written v1.16 is v1.16.0).
     */
    public Optional<ApiStatus> status(ReleaseVersion target) {
        if (removedIn != null && target.isAtLeast(removedIn)) {
            return Optional.of(ApiStatus.REMOVED);
        }
        if (removedIn != null && target.minorsUntil(removedIn).filter(n -> n <= NEXT_MINORS).isPresent()) {
            return Optional.of(ApiStatus.REMOVED_IN_NEXT);
        }
        if (deprecatedIn != null && target.isAtLeast(deprecatedIn)) {
            return Optional.of(ApiStatus.DEPRECATED);
        }
        return Optional.empty();
    }
}
