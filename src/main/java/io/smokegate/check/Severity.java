package io.smokegate.check;

import java.util.Locale;

/**
 * How bad a failed check is. A security failure proves misbehaviour — a forked or rolled-back checksum
 * database, a checksum mismatch, a private module served publicly — rather than an outage: it is never retried
 * and every report marks it.
 */
public enum Severity {
    NORMAL, SECURITY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
