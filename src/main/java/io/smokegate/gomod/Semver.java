package io.smokegate.gomod;

import java.util.regex.Pattern;

/**
 * Semantic versions as golang.org/x/mod/semver reads them: a leading {@code v}, and {@code vMAJOR}
 * and {@code vMAJOR.MINOR} accepted as shorthands. Invalid versions are not exceptions here; the
 * go command treats them as ordinary values that sort before every valid one.
 */
public final class Semver {

    private static final Pattern PSEUDO = Pattern.compile(
            "^v[0-9]+\\.(0\\.0-|\\d+\\.\\d+-([^+]*\\.)?0\\.)\\d{14}-[A-Za-z0-9]+(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$");

    /** The parts of a valid version; {@code shortSuffix} is what a shorthand lacks ({@code .0.0}, {@code .0}). */
    private record Parsed(String major, String minor, String patch, String shortSuffix, String prerelease, String build) {
    }

    private Semver() {
    }

    public static boolean isValid(String v) {
        return parse(v) != null;
    }

    /**
     * module.CanonicalVersion: missing minor and patch filled in, build metadata dropped, except
     * {@code +incompatible}, which the go command keeps because it is part of a module's version.
     * Empty for an invalid version.
     */
    public static String canonical(String v) {
        Parsed p = parse(v);
        if (p == null) {
            return "";
        }
        String withoutBuild = v.substring(0, v.length() - p.build().length()) + p.shortSuffix();
        return p.build().equals("+incompatible") ? withoutBuild + p.build() : withoutBuild;
    }

    /** Semantic-version precedence, -1, 0 or 1; build metadata is ignored and invalid versions sort first. */
    public static int compare(String a, String b) {
        Parsed pa = parse(a);
        Parsed pb = parse(b);
        if (pa == null || pb == null) {
            return pa == pb ? 0 : pa == null ? -1 : 1;
        }
        int c = compareNumbers(pa.major(), pb.major());
        if (c == 0) {
            c = compareNumbers(pa.minor(), pb.minor());
        }
        if (c == 0) {
            c = compareNumbers(pa.patch(), pb.patch());
        }
        return c != 0 ? c : comparePrerelease(pa.prerelease(), pb.prerelease());
    }

    public static boolean isPrerelease(String v) {
        Parsed p = parse(v);
        return p != null && !p.prerelease().isEmpty();
    }

    /** module.IsPseudoVersion: {@code v0.0.0-20191109021931-daa7c04131f5} and its relatives. */
    public static boolean isPseudoVersion(String v) {
        return v.chars().filter(c -> c == '-').count() >= 2 && isValid(v) && PSEUDO.matcher(v).matches();
    }

    /** {@code v2} for {@code v2.1.0}; empty for an invalid version. */
    public static String major(String v) {
        Parsed p = parse(v);
        return p == null ? "" : "v" + p.major();
    }

    /** {@code +incompatible} for {@code v2.0.0+incompatible}; empty when there is none or v is invalid. */
    static String build(String v) {
        Parsed p = parse(v);
        return p == null ? "" : p.build();
    }

    private static Parsed parse(String v) {
        if (v == null || v.isEmpty() || v.charAt(0) != 'v') {
            return null;
        }
        int[] at = {1};
        String major = number(v, at);
        if (major == null) {
            return null;
        }
        if (at[0] == v.length()) {
            return new Parsed(major, "0", "0", ".0.0", "", "");
        }
        String minor = v.charAt(at[0]) == '.' ? number(v, advance(at)) : null;
        if (minor == null) {
            return null;
        }
        if (at[0] == v.length()) {
            return new Parsed(major, minor, "0", ".0", "", "");
        }
        String patch = v.charAt(at[0]) == '.' ? number(v, advance(at)) : null;
        if (patch == null) {
            return null;
        }
        String prerelease = "";
        if (at[0] < v.length() && v.charAt(at[0]) == '-') {
            prerelease = identifiers(v, at, true);
            if (prerelease == null) {
                return null;
            }
        }
        String build = "";
        if (at[0] < v.length() && v.charAt(at[0]) == '+') {
            build = identifiers(v, at, false);
            if (build == null) {
                return null;
            }
        }
        return at[0] == v.length() ? new Parsed(major, minor, patch, "", prerelease, build) : null;
    }

    private static int[] advance(int[] at) {
        at[0]++;
        return at;
    }

    /** Decimal digits at {@code at[0]} without a leading zero; moves {@code at[0]} past them. */
    private static String number(String v, int[] at) {
        int start = at[0];
        int i = start;
        while (i < v.length() && isDigit(v.charAt(i))) {
            i++;
        }
        if (i == start || v.charAt(start) == '0' && i - start > 1) {
            return null;
        }
        at[0] = i;
        return v.substring(start, i);
    }

    /**
     * A {@code -prerelease} (ending at {@code +} or the end) or {@code +build} (ending at the end):
     * non-empty dot-separated identifiers of {@code [0-9A-Za-z-]}; numeric prerelease identifiers
     * may not have leading zeros.
     */
    private static String identifiers(String v, int[] at, boolean prerelease) {
        int begin = at[0];
        int start = begin + 1;
        int i = start;
        for (; i < v.length() && !(prerelease && v.charAt(i) == '+'); i++) {
            char c = v.charAt(i);
            if (c == '.') {
                if (start == i || prerelease && isBadNumber(v.substring(start, i))) {
                    return null;
                }
                start = i + 1;
            } else if (!isIdentChar(c)) {
                return null;
            }
        }
        if (start == i || prerelease && isBadNumber(v.substring(start, i))) {
            return null;
        }
        at[0] = i;
        return v.substring(begin, i);
    }

    private static boolean isIdentChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || isDigit(c) || c == '-';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNumber(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isBadNumber(String s) {
        return s.length() > 1 && s.charAt(0) == '0' && isNumber(s);
    }

    private static int compareNumbers(String x, String y) {
        if (x.length() != y.length()) {
            return x.length() < y.length() ? -1 : 1;
        }
        return Integer.signum(x.compareTo(y));
    }

    /**
     * A release outranks its prereleases; identifiers compare left to right, numbers numerically and
     * below words, and a longer list wins when one is a prefix of the other (semver.org, rule 11).
     */
    private static int comparePrerelease(String x, String y) {
        if (x.equals(y)) {
            return 0;
        }
        if (x.isEmpty() || y.isEmpty()) {
            return x.isEmpty() ? 1 : -1;
        }
        String[] xs = x.substring(1).split("\\.");
        String[] ys = y.substring(1).split("\\.");
        for (int i = 0; i < Math.min(xs.length, ys.length); i++) {
            if (xs[i].equals(ys[i])) {
                continue;
            }
            boolean xNumeric = isNumber(xs[i]);
            boolean yNumeric = isNumber(ys[i]);
            if (xNumeric != yNumeric) {
                return xNumeric ? -1 : 1;
            }
            return xNumeric ? compareNumbers(xs[i], ys[i]) : Integer.signum(xs[i].compareTo(ys[i]));
        }
        return Integer.compare(xs.length, ys.length);
    }
}
