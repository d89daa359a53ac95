package io.smokegate.techdebt;

import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Position;
import io.smokegate.input.Problem;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The release of each component a scan judges against: Kubernetes ({@code k8s}), cert-manager, Istio. Rows of a
 * component without a target are judged against the newest release the table knows for it.
 *
 * @param targets the target per component
 * @param given   the components whose target was given (by the user or a live server), not defaulted
 */
public record TargetVersions(Map<String, ReleaseVersion> targets, Set<String> given) {

    public TargetVersions {
        targets = Map.copyOf(targets);
        given = Set.copyOf(given);
    }

    /** Every component at the newest release {@code table} knows: the offline default. */
    public static TargetVersions newest(DeprecatedApis table) {
        return new TargetVersions(table.newestTargets(), Set.of());
    }

    /** These targets with {@code component} at {@code version}. */
    public TargetVersions with(String component, ReleaseVersion version) {
        Map<String, ReleaseVersion> out = new TreeMap<>(targets);
        out.put(Objects.requireNonNull(component), Objects.requireNonNull(version));
        Set<String> nowGiven = new TreeSet<>(given);
        nowGiven.add(component);
        return new TargetVersions(out, nowGiven);
    }

    /**
     * These targets with one more, written as the command line takes it: {@code v1.32} (Kubernetes) or
     * {@code COMPONENT=VERSION} ({@code cert-manager=v1.14}, {@code istio=1.22}, {@code k8s=v1.32.0}).
     */
    public TargetVersions with(String option) throws InvalidInputException {
        int eq = option.indexOf('=');
        String component = eq < 0 ? "k8s" : option.substring(0, eq).trim();
        String version = eq < 0 ? option : option.substring(eq + 1);
        Position at = Position.of("--target-version " + option);
        if (!DeprecatedApis.COMPONENTS.contains(component)) {
            throw new InvalidInputException(new Problem(at, "unknown component '" + component + "'",
                    "components: " + String.join(", ", new TreeSet<>(DeprecatedApis.COMPONENTS)) + "; e.g. cert-manager=v1.14"));
        }
        Optional<ReleaseVersion> parsed = ReleaseVersion.parse(version);
        if (parsed.isEmpty()) {
            throw new InvalidInputException(new Problem(at, "'" + version + "' is not a release version", ReleaseVersion.EXAMPLES));
        }
        return with(component, parsed.get());
    }

    public Optional<ReleaseVersion> of(String component) {
        return Optional.ofNullable(targets.get(component));
    }

    /** The Kubernetes target, the one reports name first. */
    public ReleaseVersion kubernetes() {
        return of("k8s").orElseThrow(() -> new IllegalStateException("no Kubernetes target"));
    }

    /** The status of {@code api} at its component's target; empty when not reported or no target is known. */
    public Optional<ApiStatus> status(DeprecatedApi api) {
        return of(api.component()).flatMap(api::status);
    }

    /** Sorted by component name, for stable output. */
    public Map<String, ReleaseVersion> sorted() {
        return new TreeMap<>(targets);
    }
}
