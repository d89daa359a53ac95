package io.smokegate.gomod;

import java.nio.charset.StandardCharsets;

/**
 * The bits of Go's string handling that error messages and parsers depend on: {@code %q} quoting,
 * UTF-8 validity as {@code unicode/utf8} defines it, and {@code unicode.IsSpace}.
 */
final class GoText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoText() {
    }

    /** Go's {@code %q} of a string; bytes that are not UTF-8 print as {@code \xNN}, as Go prints them. */
    static String quote(byte[] utf8) {
        StringBuilder out = new StringBuilder(utf8.length + 2).append('"');
        int i = 0;
        while (i < utf8.length) {
            long decoded = decodeRune(utf8, i);
            if (decoded < 0) {
                out.append("\\x").append(HEX[(utf8[i] >> 4) & 0xF]).append(HEX[utf8[i] & 0xF]);
                i++;
            } else {
                appendEscaped(out, (int) decoded, '"');
                i += width(decoded);
            }
        }
        return out.append('"').toString();
    }

    /** An unpaired surrogate, which has no UTF-8 form, prints as U+FFFD, as Go prints a rune it cannot decode. */
    static String quote(String s) {
        StringBuilder sane = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sane.appendCodePoint(Character.getType(c) == Character.SURROGATE ? 0xFFFD : c));
        return quote(sane.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Go's {@code %q} of a rune: {@code 'x'}. */
    static String quoteRune(int rune) {
        StringBuilder out = new StringBuilder("'");
        appendEscaped(out, rune, '\'');
        return out.append('\'').toString();
    }

    static boolean isValidUtf8(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            long decoded = decodeRune(bytes, i);
            if (decoded < 0) {
                return false;
            }
            i += width(decoded);
        }
        return true;
    }

    /** A Java string that would survive the trip to UTF-8: no unpaired surrogates. */
    static boolean isValidUtf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code unicode.IsSpace}, which differs from Java's {@link Character#isWhitespace} in both directions. */
    static boolean isSpace(int c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> c >= 0x2000 && c <= 0x200A;
        };
    }

    /**
     * The rune at {@code i} packed with its byte length ({@code rune | length << 32}), or -1 where Go's
     * decoder would return RuneError with width 1 (bad byte, overlong form, surrogate, beyond U+10FFFF).
     */
    private static long decodeRune(byte[] b, int i) {
        int b0 = b[i] & 0xFF;
        if (b0 < 0x80) {
            return b0 | 1L << 32;
        }
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 < 0xC2) {
            return -1;
        } else if (b0 < 0xE0) {
            n = 2;
        } else if (b0 < 0xF0) {
            n = 3;
            lo = b0 == 0xE0 ? 0xA0 : 0x80;
            hi = b0 == 0xED ? 0x9F : 0xBF;
        } else if (b0 < 0xF5) {
            n = 4;
            lo = b0 == 0xF0 ? 0x90 : 0x80;
            hi = b0 == 0xF4 ? 0x8F : 0xBF;
        } else {
            return -1;
        }
        if (i + n > b.length) {
            return -1;
        }
        int rune = b0 & (0x7F >> n);
        for (int k = 1; k < n; k++) {
            int c = b[i + k] & 0xFF;
            if (k == 1 ? c < lo || c > hi : c < 0x80 || c > 0xBF) {
                return -1;
            }
            rune = rune << 6 | c & 0x3F;
        }
        return rune | (long) n << 32;
    }

    private static int width(long decoded) {
        return (int) (decoded >>> 32);
    }

    private static void appendEscaped(StringBuilder out, int r, char quote) {
        if (r == quote || r == '\\') {
            out.append('\\').appendCodePoint(r);
        } else if (isPrint(r)) {
            out.appendCodePoint(r);
        } else {
            switch (r) {
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0B -> out.append("\\v");
                default -> {
                    if (r < ' ' || r == 0x7F) {
                        out.append("\\x").append(HEX[r >> 4]).append(HEX[r & 0xF]);
                    } else if (r < 0x10000) {
                        out.append(String.format("\\u%04x", r));
                    } else {
                        out.append(String.format("\\U%08x", r));
                    }
                }
            }
        }
    }

    /** {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrint(int r) {
        if (r == ' ') {
            return true;
        }
        return switch (Character.getType(r)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
