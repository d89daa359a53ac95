package io.smokegate.gomod;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two facts smokegate needs from a go.mod file, found by scanning lines rather than parsing the
 * whole grammar: the module path and the {@code go} version.
 */
public final class GoMod {

    private static final Pattern GO_VERSION = Pattern.compile("([1-9][0-9]*)\\.(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?");
    private static final Pattern LAX_GO_VERSION = Pattern.compile("v?(([1-9][0-9]*)\\.(0|[1-9][0-9]*))([^0-9].*)");

    private GoMod() {
    }

    /**
     * The module path, read as modfile.ModulePath reads it ({@code module x}, {@code module "x"},
     * {@code module `x`}, trailing {@code //} comments), plus the {@code module ( x )} block the full
     * parser also accepts. Empty when there is no module directive or its path is malformed or empty.
     */
    public static Optional<String> modulePath(byte[] goModFile) {
        List<String> lines = lines(goModFile);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("module") || line.length() == 6 || !GoText.isSpace(line.charAt(6))) {
                continue;
            }
            String path = line.substring(6).strip();
            if (path.equals("(")) {
                path = lines.subList(i + 1, lines.size()).stream().filter(l -> !l.isEmpty()).findFirst().orElse(")");
                if (path.equals(")")) {
                    return Optional.empty();
                }
            }
            if (path.isEmpty()) {
                continue;
            }
            return (path.charAt(0) == '"' || path.charAt(0) == '`' ? unquote(path) : Optional.of(path)).filter(p -> !p.isEmpty());
        }
        return Optional.empty();
    }

    /**
     * The {@code go} directive's version ({@code 1.21}, {@code 1.21.0}, {@code 1.22rc1}), read the lax
     * way the go command reads dependencies' go.mod files ({@code 1.21.x} becomes {@code 1.21}). Empty
     * when there is none, it is malformed, or it is repeated (the go command then treats the version
     * as unknown). Syntax errors elsewhere in the file, which would also make it unknown, are not detected.
     */
    static Optional<String> goVersion(byte[] goModFile) {
        String found = null;
        boolean inBlock = false;
        for (String line : lines(goModFile)) {
            String[] tokens = line.isEmpty() ? new String[0] : line.split("[\\s\\u0085\\u00a0]+");
            if (inBlock) {
                inBlock = !line.equals(")");
            } else if (tokens.length > 0 && tokens[tokens.length - 1].equals("(")) {
                inBlock = true;
            } else if (tokens.length > 0 && tokens[0].equals("go")) {
                if (found != null || tokens.length != 2) {
                    return Optional.empty();
                }
                found = tokens[1];
                if (!GO_VERSION.matcher(found).matches()) {
                    Matcher lax = LAX_GO_VERSION.matcher(found);
                    if (!lax.matches()) {
                        return Optional.empty();
                    }
                    found = lax.group(1);
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** Whether a {@link #goVersion} is Go 1.24 or later, which changed which vendor files module zips leave out. */
    static boolean atLeastGo124(Optional<String> goVersion) {
        if (goVersion.isEmpty()) {
            return false;
        }
        String[] parts = goVersion.get().split("[^0-9]", 3);
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        return major > 1 || major == 1 && minor >= 24;
    }

    /** The file's lines with {@code //} comments cut off and surrounding space trimmed. */
    private static List<String> lines(byte[] goModFile) {
        List<String> lines = new ArrayList<>();
        for (String line : new String(goModFile, StandardCharsets.UTF_8).split("\n", -1)) {
            int comment = line.indexOf("//");
            lines.add(trimGoSpace(comment < 0 ? line : line.substring(0, comment)));
        }
        return lines;
    }

    private static String trimGoSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && GoText.isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && GoText.isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** strconv.Unquote for the two quote forms go.mod allows; empty for a malformed literal. */
    private static Optional<String> unquote(String literal) {
        char q = literal.charAt(0);
        if (literal.length() < 2 || literal.charAt(literal.length() - 1) != q) {
            return Optional.empty();
        }
        String body = literal.substring(1, literal.length() - 1);
        if (q == '`') {
            return body.indexOf('`') >= 0 ? Optional.empty() : Optional.of(body.replace("\r", ""));
        }
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"' || c == '\\' && i + 1 == body.length()) {
                return Optional.empty();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            int simple = "abfnrtv\\\"".indexOf(e);
            if (simple >= 0) {
                out.append("\u0007\b\f\n\r\t\u000b\\\"".charAt(simple));
                continue;
            }
            int radix = e >= '0' && e <= '7' ? 8 : 16;
            int digits = switch (e) {
                case 'x' -> 2;
                case 'u' -> 4;
                case 'U' -> 8;
                default -> radix == 8 ? 3 : 0;
            };
            int from = radix == 8 ? i : i + 1;
            if (digits == 0 || from + digits > body.length()) {
                return Optional.empty();
            }
            int value = 0;
            for (int k = from; k < from + digits; k++) {
                int d = Character.digit(body.charAt(k), radix);
                if (d < 0) {
                    return Optional.empty();
                }
                value = value * radix + d;
            }
            if (!Character.isValidCodePoint(value) || value >= 0xD800 && value <= 0xDFFF || radix == 8 && value > 0xFF) {
                return Optional.empty();
            }
            out.appendCodePoint(value);
            i = from + digits - 1;
        }
        return Optional.of(out.toString());
    }
}
