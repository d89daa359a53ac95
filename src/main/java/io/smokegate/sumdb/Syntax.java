package io.smokegate.sumdb;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The lexical rules that notes, keys and records share with golang.org/x/mod/sumdb. */
public final class Syntax {

    private Syntax() {
    }

    /**
     * Go's {@code base64.StdEncoding}. Java's decoder also takes unpadded input, which Go rejects, and a
     * signature or hash that Go would refuse must not pass here.
     */
    static byte[] base64(String text) {
        if (text.length() % 4 != 0) {
            throw new IllegalArgumentException("base64 text of " + text.length() + " characters is not padded");
        }
        return Base64.getDecoder().decode(text);
    }

    static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    /**
     * Why {@code data[from, to)} is not note or record text (valid UTF-8 without ASCII control characters
     * other than newline), naming the earliest offending byte; null if it is text.
     */
    static String textProblem(byte[] data, int from, int to) {
        int control = -1;
        boolean ascii = true;
        for (int i = from; i < to && control < 0; i++) {
            if (data[i] >= 0 && data[i] < 0x20 && data[i] != '\n') {
                control = i;
            }
            ascii &= data[i] >= 0;
        }
        // Control characters are single bytes that no multi-byte sequence contains, so the two scans can
        // run separately and still report whichever problem comes first. ASCII is valid UTF-8.
        int invalid = ascii ? -1 : firstInvalidUtf8(data, from, control < 0 ? to : control);
        if (invalid >= 0) {
            return "invalid UTF-8 at byte " + invalid;
        }
        return control < 0 ? null : String.format("control character U+%04X at byte %d", data[control], control);
    }

    private static int firstInvalidUtf8(byte[] data, int from, int to) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data, from, to - from);
        CharBuffer out = CharBuffer.allocate(Math.min(to - from, 4096));
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return -1;
            }
            out.clear();
        }
    }

    /**
     * The UTF-8 bytes of a string, which must not hold a lone surrogate: Java would quietly encode it as
     * {@code ?} where Go's text had invalid UTF-8.
     */
    static byte[] utf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // The encoder writes a lone surrogate as '?': without one in the bytes, the text has none.
        if (indexOf(bytes, "?", 0) >= 0) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new IllegalArgumentException("text has a lone surrogate, which is not UTF-8");
                }
            }
        }
        return bytes;
    }

    /** Where {@code pattern} first occurs in {@code data} at or after {@code from}, or -1. */
    static int indexOf(byte[] data, String pattern, int from) {
        byte first = (byte) pattern.charAt(0);
        for (int i = from; i <= data.length - pattern.length(); i++) {
            if (data[i] == first && occursAt(data, pattern, i)) {
                return i;
            }
        }
        return -1;
    }

    static int lastIndexOf(byte[] data, String pattern) {
        for (int i = data.length - pattern.length(); i >= 0; i--) {
            if (occursAt(data, pattern, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean occursAt(byte[] data, String asciiPattern, int at) {
        for (int j = 0; j < asciiPattern.length(); j++) {
            if (data[at + j] != asciiPattern.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code isValidName}: key names are one non-empty word without {@code +}. */
    static boolean isValidName(String name) {
        // A lone surrogate is how invalid UTF-8 shows up in a Java string.
        return !name.isEmpty()
                && name.codePoints().noneMatch(c -> c == '+' || Character.getType(c) == Character.SURROGATE || isGoSpace(c));
    }

    /** Go's {@code unicode.IsSpace}, which differs from both of Java's whitespace tests. */
    private static boolean isGoSpace(int c) {
        return c >= '\t' && c <= '\r' || c == 0x85 || Character.isSpaceChar(c);
    }
}
