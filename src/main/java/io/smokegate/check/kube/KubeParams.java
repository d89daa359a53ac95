package io.smokegate.check.kube;

import static io.smokegate.check.ParamKind.STRING;
import static io.smokegate.check.ParamKind.STRINGS;

import io.smokegate.check.CheckContext;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.Params;
import io.smokegate.kube.ListLimits;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parameters the Kubernetes checks share, declared and read here once: {@code cluster} (which every kube type
 * takes, first), and {@code namespaces} and {@code selector} for the types that look inside namespaces.
 */
public final class KubeParams {

    public static final Param CLUSTER = Param.optional("cluster", STRING, null,
            "kubeconfig context to check; default: the current context");
    public static final Param NAMESPACES = Param.optional("namespaces", STRINGS, null,
            "namespaces to look in; default: all namespaces");
    public static final Param SELECTOR = Param.optional("selector", STRING, null,
            "label selector the objects must match, e.g. app.kubernetes.io/part-of=athens,tier in (web,api)");

    // A namespace name is a DNS-1123 label (what the API server validates).
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private KubeParams() {
    }

    /** The parameters of a kube check type: {@code cluster}, then the type's own. */
    public static List<Param> withCluster(Param... own) {
        List<Param> params = new ArrayList<>();
        params.add(CLUSTER);
        params.addAll(List.of(own));
        return List.copyOf(params);
    }

    /** The context named by {@code cluster}, or null for the current context. */
    public static String cluster(Params p) {
        String context = p.string(CLUSTER.name());
        return context == null || context.isBlank() ? null : context.strip();
    }

    /** The {@code namespaces} given, each a valid name, without repeats; empty means all namespaces. */
    public static List<String> namespaces(Params p) throws InvalidParamException {
        LinkedHashSet<String> namespaces = new LinkedHashSet<>();
        for (String namespace : p.strings(NAMESPACES.name())) {
            namespaces.add(checkNamespace(NAMESPACES.name(), namespace));
        }
        return List.copyOf(namespaces);
    }

    /** The namespace given in parameter {@code param}, checked to be a valid name. */
    public static String namespace(Params p, String param) throws InvalidParamException {
        return checkNamespace(param, p.string(param));
    }

    private static String checkNamespace(String param, String namespace) throws InvalidParamException {
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new InvalidParamException(param, "'" + namespace + "' is not a namespace name",
                    "lower-case letters, digits and '-', at most 63 characters, e.g. kube-system");
        }
        return namespace;
    }

    /** The {@code selector} given, or null; the API server validates its syntax. */
    public static String selector(Params p) {
        String selector = p.string(SELECTOR.name());
        return selector == null || selector.isBlank() ? null : selector.strip();
    }

    /**
     * How lists are paged: the check context's {@link ListLimits} setting (tests make pages small), else kubectl's
     * page size.
     */
    static ListLimits limits(CheckContext context) {
        return context.setting(ListLimits.class).orElse(ListLimits.DEFAULT);
    }

    /** What to list in: each namespace given, or one null standing for all namespaces. */
    static List<String> scopes(List<String> namespaces) {
        return namespaces.isEmpty() ? java.util.Collections.singletonList(null) : namespaces;
    }

    /** {@code namespace 'a' matching selector 'app=x'}, for messages. */
    static String describe(List<String> namespaces, String selector) {
        return describe(namespaces) + (selector == null ? "" : " matching selector '" + selector + "'");
    }

    /** {@code namespace 'a'}, {@code namespaces a, b} or {@code all namespaces}, for messages. */
    static String describe(List<String> namespaces) {
        if (namespaces.isEmpty()) {
            return "all namespaces";
        }
        return namespaces.size() == 1 ? "namespace '" + namespaces.get(0) + "'" : "namespaces " + String.join(", ", namespaces);
    }
}
