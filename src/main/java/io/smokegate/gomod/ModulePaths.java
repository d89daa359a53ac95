package io.smokegate.gomod;

import static io.smokegate.gomod.GoText.quote;
import static io.smokegate.gomod.GoText.quoteRune;

import java.util.List;

/**
 * Module paths, file paths and the case-encoding of the proxy protocol, as golang.org/x/mod/module
 * defines them. Error messages are the go command's, word for word.
 */
public final class ModulePaths {

    private static final List<String> WINDOWS_RESERVED = List.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private enum Kind { MODULE, FILE }

    /** A module path's major-version suffix ({@code /v2}, {@code .v1} or empty); not ok if its last element is a bad one. */
    record PathMajor(String pathMajor, boolean ok) {
    }

    private ModulePaths() {
    }

    /** module.CheckPath. */
    public static void checkPath(String modulePath) throws InvalidModuleException {
        String reason = modulePathError(modulePath);
        if (reason != null) {
            throw new InvalidModuleException("malformed module path " + quote(modulePath) + ": " + reason);
        }
    }

    /** module.CheckFilePath, which module zips apply to every name after the {@code module@version/} prefix. */
    public static void checkFilePath(String path) throws InvalidModuleException {
        String message = filePathError(path);
        if (message != null) {
            throw new InvalidModuleException(message);
        }
    }

    /** The full {@code malformed file path} message for a bad file path, or null for a good one. */
    static String filePathError(String path) {
        String reason = pathError(path, Kind.FILE);
        return reason == null ? null : "malformed file path " + quote(path) + ": " + reason;
    }

    public static String escapePath(String modulePath) throws InvalidModuleException {
        checkPath(modulePath);
        return escape(modulePath);
    }

    public static String escapeVersion(String version) throws InvalidModuleException {
        if (elemError(version, Kind.FILE) != null || version.contains("!")) {
            throw new InvalidModuleException("version " + quote(version) + " invalid: disallowed version string");
        }
        return escape(version);
    }

    public static String unescapePath(String escaped) throws InvalidModuleException {
        String path = unescape(escaped);
        if (path == null) {
            throw new InvalidModuleException("invalid escaped module path " + quote(escaped));
        }
        try {
            checkPath(path);
        } catch (InvalidModuleException e) {
            throw new InvalidModuleException("invalid escaped module path " + quote(escaped) + ": " + e.getMessage());
        }
        return path;
    }

    public static String unescapeVersion(String escaped) throws InvalidModuleException {
        String version = unescape(escaped);
        if (version == null) {
            throw new InvalidModuleException("invalid escaped version " + quote(escaped));
        }
        String reason = elemError(version, Kind.FILE);
        if (reason != null) {
            throw new InvalidModuleException("invalid escaped version " + quote(version) + ": " + reason);
        }
        return version;
    }

    /**
     * module.MatchPrefixPatterns, the GOPRIVATE/GONOPROXY/GONOSUMDB/GOINSECURE matcher: whether some
     * path-element prefix of {@code target} matches one of the comma-separated {@code path.Match}
     * globs. Empty and malformed globs are ignored, as the go command ignores them.
     */
    public static boolean matchPrefixPatterns(String commaSeparatedGlobs, String target) {
        for (String glob : commaSeparatedGlobs.split(",", -1)) {
            if (glob.endsWith("/")) {
                glob = glob.substring(0, glob.length() - 1);
            }
            if (glob.isEmpty()) {
                continue;
            }
            // A glob with n slashes matches the target's first n+1 elements.
            int slashes = (int) glob.chars().filter(c -> c == '/').count();
            String prefix = target;
            for (int i = 0; i < target.length(); i++) {
                if (target.charAt(i) == '/') {
                    if (slashes == 0) {
                        prefix = target.substring(0, i);
                        break;
                    }
                    slashes--;
                }
            }
            if (slashes > 0) {
                continue;
            }
            try {
                if (GoPath.match(glob, prefix)) {
                    return true;
                }
            } catch (GoPath.BadPatternException ignored) {
                // The go command skips malformed globs rather than failing.
            }
        }
        return false;
    }

    /**
     * module.SplitPathVersion: {@code ok} is false where the last element looks like a version but is
     * not a valid one ({@code /v1}, {@code /v2.0}, {@code /v02}, or a gopkg.in path without {@code .vN}).
     */
    static PathMajor splitPathVersion(String path) {
        if (path.startsWith("gopkg.in/")) {
            return splitGopkgIn(path);
        }
        int i = path.length();
        boolean dot = false;
        while (i > 0 && (path.charAt(i - 1) >= '0' && path.charAt(i - 1) <= '9' || path.charAt(i - 1) == '.')) {
            dot |= path.charAt(i - 1) == '.';
            i--;
        }
        if (i <= 1 || i == path.length() || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '/') {
            return new PathMajor("", true);
        }
        String pathMajor = path.substring(i - 2);
        if (dot || pathMajor.length() <= 2 || pathMajor.charAt(2) == '0' || pathMajor.equals("/v1")) {
            return new PathMajor("", false);
        }
        return new PathMajor(pathMajor, true);
    }

    private static PathMajor splitGopkgIn(String path) {
        int i = path.length();
        if (path.endsWith("-unstable")) {
            i -= "-unstable".length();
        }
        while (i > 0 && path.charAt(i - 1) >= '0' && path.charAt(i - 1) <= '9') {
            i--;
        }
        if (i <= 1 || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '.') {
            return new PathMajor("", false);
        }
        String pathMajor = path.substring(i - 2);
        if (pathMajor.length() <= 2 || pathMajor.charAt(2) == '0' && !pathMajor.equals(".v0")) {
            return new PathMajor("", false);
        }
        return new PathMajor(pathMajor, true);
    }

    private static String modulePathError(String path) {
        String reason = pathError(path, Kind.MODULE);
        if (reason != null) {
            return reason;
        }
        int slash = path.indexOf('/');
        String first = slash < 0 ? path : path.substring(0, slash);
        if (!first.contains(".")) {
            return "missing dot in first path element";
        }
        for (int i = 0; i < first.length(); i++) {
            char c = first.charAt(i);
            if (!(c == '-' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z')) {
                return "invalid char " + quoteRune(first.codePointAt(i)) + " in first path element";
            }
        }
        return splitPathVersion(path).ok() ? null : "invalid version";
    }

    private static String pathError(String path, Kind kind) {
        if (!GoText.isValidUtf8(path)) {
            return "invalid UTF-8";
        }
        if (path.isEmpty()) {
            return "empty string";
        }
        if (path.charAt(0) == '-' && kind != Kind.FILE) {
            return "leading dash";
        }
        if (path.contains("//")) {
            return "double slash";
        }
        if (path.endsWith("/")) {
            return "trailing slash";
        }
        for (String elem : path.split("/", -1)) {
            String reason = elemError(elem, kind);
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }

    private static String elemError(String elem, Kind kind) {
        if (elem.isEmpty()) {
            return "empty path element";
        }
        if (onlyDots(elem)) {
            return "invalid path element " + quote(elem);
        }
        if (elem.charAt(0) == '.' && kind == Kind.MODULE) {
            return "leading dot in path element";
        }
        if (elem.endsWith(".")) {
            return "trailing dot in path element";
        }
        for (int i = 0; i < elem.length(); i += Character.charCount(elem.codePointAt(i))) {
            int r = elem.codePointAt(i);
            if (!(kind == Kind.MODULE ? modulePathChar(r) : fileNameChar(r))) {
                return "invalid char " + quoteRune(r);
            }
        }
        int dot = elem.indexOf('.');
        String shortName = dot < 0 ? elem : elem.substring(0, dot);
        if (windowsReserved(shortName)) {
            return quote(shortName) + " disallowed as path element component on Windows";
        }
        // Windows short names (PROGRA~1) only collide with import paths, not with file names.
        if (kind == Kind.MODULE) {
            int tilde = shortName.lastIndexOf('~');
            if (tilde >= 0 && tilde < shortName.length() - 1
                    && shortName.substring(tilde + 1).chars().allMatch(c -> c >= '0' && c <= '9')) {
                return "trailing tilde and digits in path element";
            }
        }
        return null;
    }

    // Loops, not streams: every lookup checks its path, and a stream costs more than the check on a cold JVM.
    private static boolean onlyDots(String elem) {
        for (int i = 0; i < elem.length(); i++) {
            if (elem.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean windowsReserved(String shortName) {
        for (String reserved : WINDOWS_RESERVED) {
            if (reserved.equalsIgnoreCase(shortName)) {
                return true;
            }
        }
        return false;
    }

    private static boolean modulePathChar(int r) {
        return r == '-' || r == '.' || r == '_' || r == '~' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z';
    }

    /** Unicode letters, ASCII digits, space and a few ASCII punctuation marks safe in every shell and file system. */
    private static boolean fileNameChar(int r) {
        if (r < 0x80) {
            return r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || "!#$%&()+,-.=@[]^_{}~ ".indexOf(r) >= 0;
        }
        return Character.isLetter(r);
    }

    private static String escape(String s) throws InvalidModuleException {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '!' || c >= 0x80) {
                // Callers' checks should have refused this; escaping would no longer be reversible.
                throw new InvalidModuleException("internal error: inconsistency in EscapePath");
            }
            if (c >= 'A' && c <= 'Z') {
                out.append('!').append((char) (c + ('a' - 'A')));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The unescaped form, or null where the escaping is not one {@link #escape} could have produced. */
    private static String unescape(String escaped) {
        StringBuilder out = new StringBuilder(escaped.length());
        boolean bang = false;
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c >= 0x80 || c >= 'A' && c <= 'Z' && !bang) {
                return null;
            }
            if (bang) {
                if (c < 'a' || c > 'z') {
                    return null;
                }
                out.append((char) (c - ('a' - 'A')));
                bang = false;
            } else if (c == '!') {
                bang = true;
            } else {
                out.append(c);
            }
        }
        return bang ? null : out.toString();
    }
}
