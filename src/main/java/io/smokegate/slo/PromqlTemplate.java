package io.smokegate.slo;

import java.time.Duration;

/**
 * The placeholders an objective's PromQL may use: {@code $window}, the release window as a Prometheus
 * duration, and {@code $checklist}, the checklist's name.
 */
public final class PromqlTemplate {

    public static final String WINDOW = "$window";
    public static final String CHECKLIST = "$checklist";

    private PromqlTemplate() {
    }

    public static String expand(String expression, Duration window, String checklist) {
        return expression.replace(WINDOW, duration(window)).replace(CHECKLIST, checklist);
    }

    /** The largest exact Prometheus unit: 30d, 6h, 5m, 90s. */
    public static String duration(Duration d) {
        long s = Math.max(1, d.toSeconds());
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
