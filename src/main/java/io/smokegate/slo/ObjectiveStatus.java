package io.smokegate.slo;

import java.util.Locale;

/** How one objective fared: INFO objectives are reported but not scored. */
public enum ObjectiveStatus {
    PASS, WARNING, FAIL, INFO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
