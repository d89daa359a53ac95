package io.smokegate.report;

import java.time.Duration;
import java.util.Locale;

/** Numbers as people read them in a terminal or a CI summary. */
public final class Human {

    private Human() {
    }

    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%dm%02ds", ms / 60_000, ms / 1000 % 60);
    }
}
