package io.smokegate.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an API token may do. A closed set: {@code read} the API's GETs, {@code run} start, cancel and gate runs
 * and deliver alerts, {@code chaos} fault-injection experiments (reserved for their endpoints), {@code admin}
 * change schedules, and everything the others allow.
 */
public enum Scope {
    READ, RUN, CHAOS, ADMIN;

    /** The name used in configs and messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a token holding this scope may do what {@code needed} allows. */
    public boolean grants(Scope needed) {
        return this == ADMIN || this == needed;
    }

    public static Optional<Scope> parse(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Scope::label).toList();
    }
}
