package io.smokegate.techdebt;

import java.util.Locale;

/** How bad it is to still use a deprecated API version at a target release; the worst first. */
public enum ApiStatus {
    /** The target release no longer serves it: applying the manifest fails there. */
    REMOVED,
    /** Still served by the target, but removed within the next two minor releases. */
    REMOVED_IN_NEXT,
    /** Deprecated at the target; no removal within two minor releases is known. */
    DEPRECATED;

    /** The word in JSON, text and the API: {@code removed}, {@code removed-in-next}, {@code deprecated}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
