package io.smokegate.techdebt.helm;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chart version as Helm reads it (Masterminds semver, which Helm uses): {@code 1.2.3}, a leading {@code v}, a
 * missing minor or patch (0), a pre-release after {@code -} and build metadata after {@code +}. Ordered by
 * Semantic Versioning 2.0.0 precedence: build metadata does not count, a pre-release comes before its release.
 */
public record ChartVersion(long major, long minor, long patch, String preRelease) implements Comparable<ChartVersion> {

    private static final Pattern FORM = Pattern.compile(
            "v?(\\d{1,9})(?:\\.(\\d{1,9}))?(?:\\.(\\d{1,9}))?(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");

    public static Optional<ChartVersion> parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ChartVersion(Long.parseLong(m.group(1)), m.group(2) == null ? 0 : Long.parseLong(m.group(2)),
                m.group(3) == null ? 0 : Long.parseLong(m.group(3)), m.group(4) == null ? "" : m.group(4)));
    }

    /** A pre-release ({@code 2.0.0-rc.1}) is never the newest stable version. */
    public boolean stable() {
        return preRelease.isEmpty();
    }

    @Override
    public int compareTo(ChartVersion o) {
        int c = Long.compare(major, o.major);
        if (c == 0) {
            c = Long.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, o.patch);
        }
        if (c != 0 || preRelease.equals(o.preRelease)) {
            return c;
        }
        if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
            return preRelease.isEmpty() ? 1 : -1;
        }
        return comparePreRelease(preRelease.split("\\.", -1), o.preRelease.split("\\.", -1));
    }

    /** SemVer §11: identifiers compared left to right, numbers numerically and below words, more identifiers later. */
    private static int comparePreRelease(String[] a, String[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            boolean an = a[i].matches("\\d{1,18}");
            boolean bn = b[i].matches("\\d{1,18}");
            int c = an && bn ? Long.compare(Long.parseLong(a[i]), Long.parseLong(b[i]))
                    : an ? -1 : bn ? 1 : a[i].compareTo(b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
