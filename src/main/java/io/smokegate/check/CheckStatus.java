package io.smokegate.check;

import java.util.Locale;

/**
 * How a check ended. {@code FAILED}: the target did not meet an expectation (including not answering).
 * {@code ERROR}: smokegate could not carry out the check (cancelled, or a local fault).
 * {@code SKIPPED}: not run, because a check it needs did not pass or the run was cancelled first.
 */
public enum CheckStatus {
    PASSED, FAILED, ERROR, SKIPPED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CheckStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
