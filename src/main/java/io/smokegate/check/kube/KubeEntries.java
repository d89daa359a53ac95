package io.smokegate.check.kube;

import io.smokegate.check.InvalidParamException;
import io.smokegate.input.Suggestions;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of the objects a kube check names in a list of mappings ({@code workloads: [{namespace, name}]}): known
 * keys, required keys, names Kubernetes accepts — caught when the checklist loads, not when the probe asks.
 */
final class KubeEntries {

    // RFC 1123 subdomains, what the API server accepts as most object names; a bad one is a typo.
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private KubeEntries() {
    }

    /** A namespace or object name as Kubernetes accepts it. */
    static String name(String param, String what, String value) throws InvalidParamException {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new InvalidParamException(param, what + " '" + (value == null ? "" : value)
                    + "' is not a Kubernetes name", "lower-case letters, digits, '-' and '.', e.g. istio-system");
        }
        return value;
    }

    /** Refuses keys the check does not know, suggesting the closest known one. */
    static void onlyKeys(String param, int index, Map<String, String> entry, Collection<String> allowed)
            throws InvalidParamException {
        for (String key : entry.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidParamException(param, "entry " + (index + 1) + " has no key '" + key + "'",
                        Suggestions.hint(key, Set.copyOf(allowed)));
            }
        }
    }

    /** A key the entry must have. */
    static String required(String param, int index, Map<String, String> entry, String key, String example)
            throws InvalidParamException {
        String value = entry.get(key);
        if (value == null || value.isBlank()) {
            throw new InvalidParamException(param, "entry " + (index + 1) + " needs '" + key + "'", example);
        }
        return value;
    }
}
