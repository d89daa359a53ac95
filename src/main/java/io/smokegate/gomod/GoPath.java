package io.smokegate.gomod;

/**
 * Go's {@code path.Clean}, {@code path.Dir} and {@code path.Match}, ported line for line: module
 * rules are defined in terms of them, and Java's glob and path classes differ in the corner cases.
 */
final class GoPath {

    private GoPath() {
    }

    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        int n = path.length();
        StringBuilder out = new StringBuilder(n);
        int r = 0;
        int dotdot = 0;
        if (rooted) {
            out.append('/');
            r = 1;
            dotdot = 1;
        }
        while (r < n) {
            if (path.charAt(r) == '/') {
                r++;
            } else if (path.charAt(r) == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
                r++;
            } else if (path.charAt(r) == '.' && path.charAt(r + 1) == '.' && (r + 2 == n || path.charAt(r + 2) == '/')) {
                r += 2;
                if (out.length() > dotdot) {
                    int w = out.length() - 1;
                    while (w > dotdot && out.charAt(w) != '/') {
                        w--;
                    }
                    out.setLength(w);
                } else if (!rooted) {
                    if (!out.isEmpty()) {
                        out.append('/');
                    }
                    out.append("..");
                    dotdot = out.length();
                }
            } else {
                if (rooted && out.length() != 1 || !rooted && !out.isEmpty()) {
                    out.append('/');
                }
                for (; r < n && path.charAt(r) != '/'; r++) {
                    out.append(path.charAt(r));
                }
            }
        }
        return out.isEmpty() ? "." : out.toString();
    }

    static String dir(String path) {
        return clean(path.substring(0, path.lastIndexOf('/') + 1));
    }

    /** Thrown for a malformed pattern, Go's {@code path.ErrBadPattern}. */
    static final class BadPatternException extends Exception {
        BadPatternException() {
            super("syntax error in pattern", null, false, false);
        }
    }

    /** {@code path.Match}: {@code *} and {@code ?} never match {@code /}; the whole name must match. */
    static boolean match(String pattern, String name) throws BadPatternException {
        patterns:
        while (!pattern.isEmpty()) {
            boolean star = false;
            while (!pattern.isEmpty() && pattern.charAt(0) == '*') {
                pattern = pattern.substring(1);
                star = true;
            }
            int chunkEnd = chunkEnd(pattern);
            String chunk = pattern.substring(0, chunkEnd);
            pattern = pattern.substring(chunkEnd);
            if (star && chunk.isEmpty()) {
                return name.indexOf('/') < 0;
            }
            String rest = matchChunk(chunk, name);
            // The last chunk has to use up the name, or a later star position might still match.
            if (rest != null && (rest.isEmpty() || !pattern.isEmpty())) {
                name = rest;
                continue;
            }
            if (star) {
                for (int i = 0; i < name.length() && name.charAt(i) != '/'; i++) {
                    rest = matchChunk(chunk, name.substring(i + 1));
                    if (rest != null) {
                        if (pattern.isEmpty() && !rest.isEmpty()) {
                            continue;
                        }
                        name = rest;
                        continue patterns;
                    }
                }
            }
            // Go reports a malformed remainder even when the match has already failed.
            while (!pattern.isEmpty()) {
                while (!pattern.isEmpty() && pattern.charAt(0) == '*') {
                    pattern = pattern.substring(1);
                }
                int end = chunkEnd(pattern);
                matchChunk(pattern.substring(0, end), "");
                pattern = pattern.substring(end);
            }
            return false;
        }
        return name.isEmpty();
    }

    private static int chunkEnd(String pattern) {
        boolean inRange = false;
        int i = 0;
        for (; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 < pattern.length()) {
                    i++;
                }
            } else if (c == '[') {
                inRange = true;
            } else if (c == ']') {
                inRange = false;
            } else if (c == '*' && !inRange) {
                break;
            }
        }
        return i;
    }

    /**
     * What is left of {@code s} after {@code chunk} matched its start, or null. Like Go it keeps
     * parsing the chunk after a mismatch, so a malformed chunk is always reported.
     */
    private static String matchChunk(String chunk, String s) throws BadPatternException {
        boolean failed = false;
        int c = 0;
        int at = 0;
        while (c < chunk.length()) {
            if (!failed && at == s.length()) {
                failed = true;
            }
            char p = chunk.charAt(c);
            if (p == '[') {
                int rune = 0;
                if (!failed) {
                    rune = s.codePointAt(at);
                    at += Character.charCount(rune);
                }
                c++;
                boolean negated = c < chunk.length() && chunk.charAt(c) == '^';
                if (negated) {
                    c++;
                }
                boolean matched = false;
                int ranges = 0;
                while (true) {
                    if (c < chunk.length() && chunk.charAt(c) == ']' && ranges > 0) {
                        c++;
                        break;
                    }
                    int lo = escapedRune(chunk, c);
                    c = afterEscapedRune(chunk, c);
                    int hi = lo;
                    if (chunk.charAt(c) == '-') {
                        hi = escapedRune(chunk, c + 1);
                        c = afterEscapedRune(chunk, c + 1);
                    }
                    if (lo <= rune && rune <= hi) {
                        matched = true;
                    }
                    ranges++;
                }
                if (matched == negated) {
                    failed = true;
                }
            } else if (p == '?') {
                if (!failed) {
                    if (s.charAt(at) == '/') {
                        failed = true;
                    }
                    at += Character.charCount(s.codePointAt(at));
                }
                c++;
            } else {
                if (p == '\\') {
                    c++;
                    if (c == chunk.length()) {
                        throw new BadPatternException();
                    }
                }
                if (!failed) {
                    if (chunk.charAt(c) != s.charAt(at)) {
                        failed = true;
                    }
                    at++;
                }
                c++;
            }
        }
        return failed ? null : s.substring(at);
    }

    /** Go's {@code getEsc}: one possibly escaped rune of a character class, which must not end the chunk. */
    private static int escapedRune(String chunk, int c) throws BadPatternException {
        if (c >= chunk.length() || chunk.charAt(c) == '-' || chunk.charAt(c) == ']') {
            throw new BadPatternException();
        }
        if (chunk.charAt(c) == '\\') {
            c++;
            if (c == chunk.length()) {
                throw new BadPatternException();
            }
        }
        int rune = chunk.codePointAt(c);
        if (c + Character.charCount(rune) == chunk.length()) {
            throw new BadPatternException();
        }
        return rune;
    }

    private static int afterEscapedRune(String chunk, int c) {
        if (chunk.charAt(c) == '\\') {
            c++;
        }
        return c + Character.charCount(chunk.codePointAt(c));
    }
}
