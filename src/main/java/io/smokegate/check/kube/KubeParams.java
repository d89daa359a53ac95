package io.smokegate.check.kube;

import static io.smokegate.check.ParamKind.STRING;

import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.Params;
import io.smokegate.check.Probe;
import io.smokegate.input.Suggestions;
import io.smokegate.kube.KubeCluster;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The parameters every {@code kube.*} check shares, declared once: {@code cluster} (which kubeconfig context to
 * probe) and the checks of object references given in lists of mappings.
 */
public final class KubeParams {

    /** The kubeconfig context a check probes; every kube check type declares it. */
    public static final Param CLUSTER = Param.optional("cluster", STRING, null,
            "kubeconfig context to probe (default: the current context)");

    // RFC 1123 names and label values, as the API server checks them: a bad one is a typo, caught at load time.
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private KubeParams() {
    }

    /** {@link #CLUSTER} followed by {@code own}. */
    public static List<Param> and(List<Param> own) {
        return Stream.concat(Stream.of(CLUSTER), own.stream()).toList();
    }

    /** The cluster of the check's {@code cluster} context (null: the current one), connected on first use. */
    public static KubeCluster cluster(Probe probe, String context) {
        return Clusters.of(probe.context()).cluster(context);
    }

    /** A namespace or object name as Kubernetes accepts it. */
    public static String name(String param, String what, String value) throws InvalidParamException {
        if (value == null || !DNS_NAME.matcher(value).matches()) {
            throw new InvalidParamException(param, what + " '" + (value == null ? "" : value)
                    + "' is not a Kubernetes name", "lower-case letters, digits, '-' and '.', e.g. istio-system");
        }
        return value;
    }

    /** Refuses keys of a mapping in a list that the check does not know, suggesting the closest known one. */
    public static void onlyKeys(String param, int index, Map<String, String> entry, Collection<String> allowed)
            throws InvalidParamException {
        for (String key : entry.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidParamException(param, "entry " + (index + 1) + " has no key '" + key + "'",
                        Suggestions.hint(key, Set.copyOf(allowed)));
            }
        }
    }

    /** A required key of a mapping in a list. */
    public static String required(String param, int index, Map<String, String> entry, String key, String example)
            throws InvalidParamException {
        String value = entry.get(key);
        if (value == null || value.isBlank()) {
            throw new InvalidParamException(param, "entry " + (index + 1) + " needs '" + key + "'", example);
        }
        return value;
    }

    /** The {@code cluster} parameter's value, null for the current context. */
    public static String context(Params p) {
        return p.optionalString(CLUSTER.name()).filter(s -> !s.isBlank()).orElse(null);
    }
}
