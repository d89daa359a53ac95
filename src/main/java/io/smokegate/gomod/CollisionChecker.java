package io.smokegate.gomod;

import static io.smokegate.gomod.GoText.quote;

import java.util.HashMap;
import java.util.Map;

/**
 * Names that would land on the same file on a case-insensitive file system, names used as both file
 * and directory, and repeated files (x/mod/zip collisionChecker). Parent directories are checked too,
 * so {@code a/x.go} and {@code A/y.go} collide.
 */
final class CollisionChecker {

    private record Seen(String path, boolean isDir) {
    }

    private final Map<String, Seen> byFoldedPath = new HashMap<>();

    /** The go command's message for the collision, or null; the path is recorded either way. */
    String check(String path, boolean isDir) {
        for (String p = path; !p.equals("."); p = GoPath.dir(p), isDir = true) {
            Seen other = byFoldedPath.putIfAbsent(fold(p), new Seen(p, isDir));
            if (other == null) {
                continue;
            }
            if (!p.equals(other.path())) {
                return "case-insensitive file name collision: " + quote(other.path()) + " and " + quote(p);
            }
            if (isDir != other.isDir()) {
                return "entry " + quote(p) + " is both a file and a directory";
            }
            if (!isDir) {
                return "multiple entries for file " + quote(p);
            }
        }
        return null;
    }

    /**
     * A key equal for two strings exactly when strings.EqualFold says they are equal: each rune
     * replaced by the smallest rune of its simple case-folding orbit (K, k and the Kelvin sign all
     * become k). Java has no SimpleFold; its one-to-one case mappings find the same smallest rune for
     * all but a few orbits whose smallest member is not a case partner of the others (the micro sign
     * is one). The dotted and dotless i are special-cased: Go folds them only to themselves.
     */
    static String fold(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(r -> {
            int min = r;
            if (r != 0x130 && r != 0x131) {
                int lower = Character.toLowerCase(r);
                int upper = Character.toUpperCase(r);
                for (int c : new int[] {lower, upper, Character.toUpperCase(lower), Character.toLowerCase(upper)}) {
                    min = Math.min(min, c);
                }
            }
            out.appendCodePoint(min >= 'A' && min <= 'Z' ? min + ('a' - 'A') : min);
        });
        return out.toString();
    }
}
