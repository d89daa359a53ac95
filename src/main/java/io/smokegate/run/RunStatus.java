package io.smokegate.run;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import java.util.List;
import java.util.Locale;

/** How a whole run ended. A failed check outweighs an errored one: it is a verdict on the target. */
public enum RunStatus {
    PASSED, FAILED, ERROR, ABORTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    public static RunStatus of(List<CheckResult> results, boolean aborted) {
        if (aborted) {
            return ABORTED;
        }
        if (results.stream().anyMatch(r -> r.status() == CheckStatus.FAILED)) {
            return FAILED;
        }
        if (results.stream().anyMatch(r -> r.status() == CheckStatus.ERROR)) {
            return ERROR;
        }
        return PASSED;
    }
}
