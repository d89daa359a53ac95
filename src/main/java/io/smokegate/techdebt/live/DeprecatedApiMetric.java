package io.smokegate.techdebt.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the series of the API server's {@value #NAME} gauge from its {@code /metrics} page (Prometheus text format
 * 0.0.4), as the API server prints them:
 * <pre>
 * # HELP apiserver_requested_deprecated_apis [STABLE] Gauge of deprecated APIs that have been requested, …
 * # TYPE apiserver_requested_deprecated_apis gauge
 * apiserver_requested_deprecated_apis{group="policy",removed_release="1.25",resource="podsecuritypolicies",subresource="",version="v1beta1"} 1
 * </pre>
 * The page of a large cluster runs to megabytes; it is read as a stream, line by line, and every other family is
 * passed over unparsed. Bounded: at most {@link Limits#maxBytes} read, lines longer than
 * {@link Limits#maxLineBytes} passed over, at most {@link Limits#maxSeries} series kept.
 */
public final class DeprecatedApiMetric {

    public static final String NAME = "apiserver_requested_deprecated_apis";
    private static final byte[] PREFIX = NAME.getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_PROBLEMS = 10;
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /**
     * @param maxBytes     read no further than this
     * @param maxLineBytes longer lines are passed over (the family's lines are a few hundred bytes)
     * @param maxSeries    series kept; one per deprecated resource a client asked for, so a few dozen at most
     */
    public record Limits(long maxBytes, int maxLineBytes, int maxSeries) {
        public static Limits defaults() {
            return new Limits(64L * 1024 * 1024, 64 * 1024, 10_000);
        }
    }

    /** One series: an API a client requested since the API server started, and the release that removes it ("" unknown). */
    public record Series(String group, String version, String resource, String subresource, String removedRelease) {

        /** {@code v1} for the core group, else {@code group/version}. */
        public String apiVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }
    }

    /**
     * @param series   the series with a value other than 0, in page order
     * @param problems lines of the family that could not be read and limits that were hit, as {@code line N: why}
     */
    public record Parsed(List<Series> series, List<String> problems) {
        public Parsed {
            series = List.copyOf(series);
            problems = List.copyOf(problems);
        }
    }

    private DeprecatedApiMetric() {
    }

    public static Parsed parse(InputStream in, Limits limits) throws IOException {
        Set<Series> series = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        int[] beyond = {0};
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int lineNumber = 1;
        boolean tooLong = false;
        boolean relevant = true; // whether the current line may still be of the family (its prefix matches so far)
        int n;
        while ((n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, limits.maxBytes() - total))) > 0) {
            total += n;
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    if (tooLong && relevant) {
                        problem(problems, "line " + lineNumber + ": longer than " + limits.maxLineBytes() + " bytes, passed over");
                    } else if (relevant && line.size() > PREFIX.length) {
                        line(line.toString(StandardCharsets.UTF_8), lineNumber, series, beyond, problems, limits);
                    }
                    line.reset();
                    lineNumber++;
                    tooLong = false;
                    relevant = true;
                    continue;
                }
                if (!relevant || tooLong) {
                    continue;
                }
                int at = line.size();
                if (at < PREFIX.length && b != PREFIX[at]) {
                    relevant = false; // another family, a comment or a blank line: not even buffered
                    continue;
                }
                if (at == limits.maxLineBytes()) {
                    tooLong = true;
                    continue;
                }
                line.write(b);
            }
            if (total >= limits.maxBytes()) {
                if (in.read() >= 0) {
                    problem(problems, "the page is larger than " + limits.maxBytes() + " bytes; read up to there");
                }
                break;
            }
        }
        if (relevant && !tooLong && line.size() > PREFIX.length) {
            line(line.toString(StandardCharsets.UTF_8), lineNumber, series, beyond, problems, limits);
        }
        if (beyond[0] > 0) {
            problem(problems, beyond[0] + " series beyond the first " + limits.maxSeries() + " passed over");
        }
        return new Parsed(new ArrayList<>(series), problems);
    }

    private static void problem(List<String> problems, String problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        }
    }

    /** One line that starts with the family's name (it may still be another family, e.g. {@code …_total}). */
    private static void line(String text, int number, Set<Series> series, int[] beyond, List<String> problems, Limits limits) {
        char next = text.charAt(PREFIX.length);
        if (next != '{' && next != ' ' && next != '\t') {
            return; // a longer name sharing the prefix
        }
        try {
            Map<String, String> labels = new HashMap<>();
            int i = PREFIX.length;
            if (next == '{') {
                i = labels(text, i + 1, labels);
            }
            String[] rest = text.substring(i).trim().split("[ \t]+");
            double value = switch (rest[0]) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(rest[0]);
            };
            if (value == 0 || Double.isNaN(value)) {
                return;
            }
            for (String required : List.of("group", "version", "resource")) {
                if (!labels.containsKey(required)) {
                    throw new IllegalArgumentException("no label " + required);
                }
            }
            Series one = new Series(labels.get("group"), labels.get("version"), labels.get("resource"),
                    labels.getOrDefault("subresource", ""), labels.getOrDefault("removed_release", ""));
            if (series.size() < limits.maxSeries() || series.contains(one)) {
                series.add(one);
            } else {
                beyond[0]++;
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            problem(problems, "line " + number + ": not a sample of " + NAME + " ("
                    + (e instanceof NumberFormatException ? "the value is not a number" : e.getMessage()) + ")");
        }
    }

    /** Reads {@code name="value",…}} from {@code i} into {@code labels}; returns the index after the closing brace. */
    private static int labels(String text, int i, Map<String, String> labels) {
        while (true) {
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == ',')) {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '}') {
                return i + 1;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0 || eq + 1 >= text.length() || text.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("a label without a quoted value");
            }
            String name = text.substring(i, eq).trim();
            if (!LABEL_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a label name");
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < text.length() && text.charAt(j) != '"'; j++) {
                char c = text.charAt(j);
                if (c == '\\' && j + 1 < text.length()) {
                    char escaped = text.charAt(++j);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            if (j >= text.length()) {
                throw new IllegalArgumentException("an unterminated label value");
            }
            labels.put(name, value.toString());
            i = j + 1;
        }
    }
}
