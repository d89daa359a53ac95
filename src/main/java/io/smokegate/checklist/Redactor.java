package io.smokegate.checklist;

import io.smokegate.input.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secret values (everything a checklist took from {@code ${env:...}}) from text that leaves the
 * process: messages, details, reports, logs, stored runs, validation problems.
 *
 * <p>A secret is found as it is and in the forms it is usually echoed in: in any letter case, JSON string
 * escaped, URL (percent) encoded ({@code +} or {@code %20} for a space, either case of hex), any mix of those,
 * and base64 (standard and URL-safe alphabet, with or without padding, also inside a longer base64 string such
 * as a Basic credential, at each of the three byte alignments). Everything a secret matched is masked; where
 * the matches of several secrets overlap, their union is masked, so no secret is half-revealed.
 *
 * <p>Redaction runs on every message and detail of every check result, so each secret's forms are worked out
 * once, when the redactor is made, and text is searched with a pattern only when it holds a piece every form
 * contains (the secret's longest run of ASCII letters and digits, which no encoder changes but for case, or a
 * piece of its base64): most text is passed by a few {@code indexOf}s.
 */
public final class Redactor {

    public static final String MASK = "«redacted»";
    /** Shorter values would mask ordinary words ("1", "on"); secrets that short are not worth hiding. */
    static final int MIN_SECRET_LENGTH = 4;

    private static final Redactor NONE = new Redactor(List.of());
    private static final Pattern ASCII_ALNUM_RUN = Pattern.compile("[A-Za-z0-9]+");

    /**
     * One secret's forms: {@code text} finds it as text (any case, escaped or encoded), which can only be
     * where its {@code anchor} is (lower-cased; none when it has no ASCII letter or digit); {@code base64}
     * finds its base64 forms, which can only be where one of the {@code base64Pieces} is.
     */
    private record Secret(Pattern text, String anchor, Pattern base64, List<String> base64Pieces) {

        static Secret of(String secret) {
            String anchor = ASCII_ALNUM_RUN.matcher(secret).results().map(MatchResult::group)
                    .max(Comparator.comparingInt(String::length)).orElse("").toLowerCase(Locale.ROOT);
            Base64Forms base64 = Base64Forms.of(secret.getBytes(StandardCharsets.UTF_8));
            return new Secret(textPattern(secret), anchor, base64.pattern(), List.copyOf(base64.pieces()));
        }

        boolean mayBeTextIn(String lowerCaseText) {
            return anchor.isEmpty() || lowerCaseText.contains(anchor);
        }

        boolean mayBeBase64In(String text) {
            for (String piece : base64Pieces) {
                if (text.contains(piece)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<Secret> secrets;

    private Redactor(List<Secret> secrets) {
        this.secrets = secrets;
    }

    public static Redactor none() {
        return NONE;
    }

    public static Redactor of(Set<String> values) {
        List<Secret> secrets = values.stream()
                .filter(v -> v != null && v.length() >= MIN_SECRET_LENGTH)
                .distinct()
                .map(Secret::of)
                .toList();
        return secrets.isEmpty() ? NONE : new Redactor(secrets);
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    public String redact(String text) {
        if (text == null || text.isEmpty() || secrets.isEmpty()) {
            return text;
        }
        String lowerCase = text.toLowerCase(Locale.ROOT);
        BitSet masked = null;
        for (Secret secret : secrets) {
            if (secret.mayBeTextIn(lowerCase)) {
                masked = mark(secret.text(), text, masked);
            }
            if (secret.mayBeBase64In(text)) {
                masked = mark(secret.base64(), text, masked);
            }
        }
        if (masked == null) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int start = masked.nextSetBit(i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, start).append(MASK);
            i = masked.nextClearBit(start);
        }
        return out.toString();
    }

    /** Marks every match of {@code pattern} in {@code masked}, which is made at the first. */
    private static BitSet mark(Pattern pattern, String text, BitSet masked) {
        Matcher m = pattern.matcher(text);
        BitSet out = masked;
        while (m.find()) {
            if (out == null) {
                out = new BitSet(text.length());
            }
            out.set(m.start(), m.end());
        }
        return out;
    }

    /** The problem with its message and hint redacted; its position names a file, not a value. */
    public Problem redactProblem(Problem problem) {
        return secrets.isEmpty() ? problem
                : new Problem(problem.position(), redact(problem.message()), redact(problem.hint()));
    }

    /** Redacts strings anywhere inside a details value (maps, lists, strings; other values unchanged). */
    public Object redactValue(Object value) {
        if (secrets.isEmpty()) {
            return value;
        }
        if (value instanceof String s) {
            return redact(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(redact(String.valueOf(k)), redactValue(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(redactValue(v)));
            return out;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> redactMap(Map<String, Object> map) {
        return secrets.isEmpty() ? map : (Map<String, Object>) redactValue(map);
    }

    /**
     * The secret as text, in any case: as it is, or with each character written plainly, JSON-escaped or
     * percent-encoded. The per-character groups are atomic, so matching stays linear however the secret is
     * built; the secret as it is comes first because atomic groups may miss it (two backslashes read as one).
     */
    private static Pattern textPattern(String secret) {
        StringBuilder escaped = new StringBuilder();
        secret.codePoints().forEach(cp -> escaped.append(characterForms(cp)));
        return Pattern.compile("(?iu:" + Pattern.quote(secret) + "|" + escaped + ")");
    }

    /**
     * One character as written plainly, JSON-escaped or percent-encoded; longest forms first. ASCII letters and
     * digits are written plainly by every encoder (which {@link Secret#anchor} relies on).
     */
    private static String characterForms(int cp) {
        String plain = Character.toString(cp);
        if (cp < 128 && Character.isLetterOrDigit(cp)) {
            return plain;
        }
        Set<String> forms = new LinkedHashSet<>();
        StringBuilder percent = new StringBuilder();
        for (byte b : plain.getBytes(StandardCharsets.UTF_8)) {
            percent.append('%').append(HexFormat.of().toHexDigits(b));
        }
        forms.add(percent.toString());
        StringBuilder unicode = new StringBuilder();
        for (char c : plain.toCharArray()) {
            unicode.append("\\u").append(HexFormat.of().toHexDigits(c));
        }
        forms.add(unicode.toString());
        switch (cp) {
            case '"' -> forms.add("\\\"");
            case '\\' -> forms.add("\\\\");
            case '/' -> forms.add("\\/");
            case '\b' -> forms.add("\\b");
            case '\f' -> forms.add("\\f");
            case '\n' -> forms.add("\\n");
            case '\r' -> forms.add("\\r");
            case '\t' -> forms.add("\\t");
            case ' ' -> forms.add("+");
            default -> { }
        }
        forms.add(plain);
        return "(?>" + String.join("|", forms.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote).toList()) + ")";
    }

    /**
     * A secret's base64 text alone, with and without padding, and the {@code pieces} of it that are the same
     * wherever the secret stands inside longer encoded data: for each of the three byte offsets it can start
     * at, the characters that depend on its bytes only. Standard and URL-safe alphabets.
     */
    private record Base64Forms(Set<String> whole, Set<String> pieces) {

        static Base64Forms of(byte[] secret) {
            Set<String> whole = new LinkedHashSet<>();
            Set<String> pieces = new LinkedHashSet<>();
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                whole.add(encoder.encodeToString(secret));
                whole.add(encoder.withoutPadding().encodeToString(secret));
                for (int offset = 0; offset < 3; offset++) {
                    byte[] shifted = new byte[offset + secret.length];
                    System.arraycopy(secret, 0, shifted, offset, secret.length);
                    String encoded = encoder.withoutPadding().encodeToString(shifted);
                    // The first characters also hold bits of the bytes before; the last, of the bytes after.
                    int from = offset == 0 ? 0 : offset + 1;
                    int to = encoded.length() - (shifted.length % 3 == 0 ? 0 : 1);
                    if (to > from) {
                        pieces.add(encoded.substring(from, to));
                    }
                }
            }
            return new Base64Forms(whole, pieces);
        }

        /** All forms, longest first so the whole encoding is masked where it stands alone; case matters. */
        Pattern pattern() {
            Set<String> all = new LinkedHashSet<>(whole);
            all.addAll(pieces);
            return Pattern.compile(String.join("|", all.stream()
                    .sorted(Comparator.comparingInt(String::length).reversed())
                    .map(Pattern::quote).toList()));
        }
    }
}
