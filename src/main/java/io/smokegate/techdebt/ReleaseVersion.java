package io.smokegate.techdebt;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release of Kubernetes, cert-manager or Istio as deprecation tables name them: {@code v1.32.0}.
 *
 * <p>Users and API servers write versions many ways ({@code v1.32.0}, {@code v1.32}, {@code 1.32},
 * {@code v1.30.2-eks-1234}, {@code v1.29.1+k3s1}); all parse, a missing patch is 0, and a pre-release or
 * build suffix is dropped: deprecations are decided per release, and a distribution's {@code v1.30.2-eks-…}
 * serves the APIs of v1.30.2.
 */
public record ReleaseVersion(int major, int minor, int patch) implements Comparable<ReleaseVersion> {

    private static final Pattern FORM = Pattern.compile("v?(\\d{1,4})\\.(\\d{1,4})(?:\\.(\\d{1,6}))?(?:[-+][0-9A-Za-z.+-]*)?");
    public static final String EXAMPLES = "write it like v1.32, v1.32.0 or 1.32";

    public ReleaseVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("a version has no negative parts");
        }
    }

    public static Optional<ReleaseVersion> parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ReleaseVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
    }

    /**
     * How many minor releases after this one {@code later} comes: 1 for v1.33 after v1.32 (whatever the patches),
     * 0 within the same minor; empty when {@code later} is of another major, where minors do not count on.
     */
    public Optional<Integer> minorsUntil(ReleaseVersion later) {
        return later.major == major ? Optional.of(later.minor - minor) : Optional.empty();
    }

    public boolean isAtLeast(ReleaseVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(ReleaseVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return "v" + major + "." + minor + "." + patch;
    }
}
