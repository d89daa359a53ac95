package io.smokegate.input;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations ("500ms", "10s", "1m30s", "2h"), the form Prometheus and Kubernetes users write. */
public final class Durations {

    public static final String EXAMPLES = "use e.g. 500ms, 10s, 1m30s, 2h";

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|µs|ns|s|m|h|d)");

    private Durations() {
    }

    public static Optional<Duration> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        if (text.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher m = PART.matcher(text);
        int end = 0;
        double nanos = 0;
        while (m.find() && m.start() == end) {
            nanos += Double.parseDouble(m.group(1)) * nanosPer(m.group(2));
            end = m.end();
        }
        if (end != text.length() || nanos > Long.MAX_VALUE / 2) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.round(nanos)));
    }

    /** The shortest exact Go-style form: 1500ms stays "1.5s", 90s becomes "1m30s". */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return d.isZero() ? "0s" : d.toNanos() / 1000 + "us";
        }
        if (ms < 1000) {
            return ms + "ms";
        }
        StringBuilder out = new StringBuilder();
        long hours = ms / 3_600_000;
        long minutes = ms / 60_000 % 60;
        long millis = ms % 60_000;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (millis > 0) {
            out.append(millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0)).append('s');
        }
        return out.toString();
    }

    private static double nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            case "d" -> 86400e9;
            default -> throw new IllegalArgumentException(unit);
        };
    }
}
