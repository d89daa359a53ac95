package io.smokegate.slo;

import java.util.Locale;

/** The overall result of a gate. ERROR: a required system could not be asked, so nothing was judged. */
public enum GateResult {
    PASS, WARNING, FAIL, ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static GateResult fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
