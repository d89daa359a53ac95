package io.smokegate.testing.rbac;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A request to the Kubernetes API as RBAC authorizes it: the attributes the API server's RequestInfoFactory
 * (k8s.io/apiserver/pkg/endpoints/request) derives from method and URL. A resource request has a verb
 * (get/list/watch/create/update/patch/delete/deletecollection), API group, resource, subresource, namespace ("" at
 * the cluster scope) and resource name ("" when the URL names none); a non-resource request ({@code /version},
 * {@code /metrics}) has the lower-cased method as verb and its path.
 *
 * @param client the product token of the User-Agent ({@code smokegate}, {@code kubectl}, ...)
 * @param test   the test class that started the fake cluster that received it
 * @param sample one method and URL that had these attributes, for messages
 */
public record ApiRequest(String client, String verb, String group, String resource, String subresource,
                         String namespace, String name, String path, String test, String sample) {

    /** The User-Agent product smokegate's own Kubernetes client sends (see kube/Kubeconfig#clientConfig). */
    public static final String PRODUCT = "smokegate";

    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    public boolean resourceRequest() {
        return path.isEmpty();
    }

    /** {@code resource} or {@code resource/subresource}, as RBAC rules name it. */
    public String qualifiedResource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    public ApiRequest inNamespace(String other) {
        return new ApiRequest(client, verb, group, resource, subresource, other, name, path, test, sample);
    }

    /** How a person reads it: {@code list pods in namespace "shop"}, {@code get deployments.apps "x" at cluster scope}. */
    public String describe() {
        if (!resourceRequest()) {
            return verb + " " + path;
        }
        String what = qualifiedResource() + (group.isEmpty() ? "" : "." + group) + (name.isEmpty() ? "" : " \"" + name + "\"");
        return verb + " " + what + (namespace.isEmpty() ? " at cluster scope" : " in namespace \"" + namespace + "\"");
    }

    /**
     * The attributes of {@code method target} (target: path and query), as the API server derives them.
     *
     * @param userAgent the User-Agent header (null: none)
     */
    public static ApiRequest of(String method, String target, String userAgent, String test) {
        int q = target.indexOf('?');
        String urlPath = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        String client = userAgent == null || userAgent.isBlank() ? "" : userAgent.split("[/ ]", 2)[0];
        String sample = method + " " + target;
        List<String> parts = new ArrayList<>(Arrays.stream(urlPath.split("/")).filter(s -> !s.isEmpty()).toList());
        String nonResourceVerb = method.toLowerCase(Locale.ROOT);
        // Fewer than api/VERSION/RESOURCE or apis/GROUP/VERSION/RESOURCE: discovery, a non-resource URL.
        if (parts.size() < 3 || !(parts.get(0).equals("api") || parts.get(0).equals("apis"))
                || parts.get(0).equals("apis") && parts.size() < 4) {
            return new ApiRequest(client, nonResourceVerb, "", "", "", "", "", urlPath.isEmpty() ? "/" : urlPath, test, sample);
        }
        String group = parts.get(0).equals("apis") ? parts.get(1) : "";
        List<String> rest = parts.subList(parts.get(0).equals("apis") ? 3 : 2, parts.size());
        String verb = switch (method) {
            case "POST" -> "create";
            case "GET", "HEAD" -> "get";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> nonResourceVerb;
        };
        if (rest.get(0).equals("watch") && rest.size() > 1) { // the deprecated /watch/ prefix
            verb = "watch";
            rest = rest.subList(1, rest.size());
        }
        String namespace = "";
        if (rest.get(0).equals("namespaces") && rest.size() > 1) {
            namespace = rest.get(1);
            if (rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
                rest = rest.subList(2, rest.size());
            }
        }
        String resource = rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : "";
        String subresource = rest.size() > 2 ? rest.get(2) : "";
        if (name.isEmpty() && verb.equals("get")) {
            verb = "true".equals(parameter(query, "watch")) ? "watch" : "list";
        } else if (name.isEmpty() && verb.equals("delete")) {
            verb = "deletecollection";
        }
        if ((verb.equals("list") || verb.equals("watch")) && name.isEmpty()) {
            // A list restricted by fieldSelector=metadata.name=X is authorized as one for resource name X.
            String selector = parameter(query, "fieldSelector");
            if (selector != null && selector.startsWith("metadata.name=") && !selector.contains(",")) {
                name = selector.substring("metadata.name=".length());
            }
        }
        return new ApiRequest(client, verb, group, resource, subresource, namespace, name, "", test, sample);
    }

    private static String parameter(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
