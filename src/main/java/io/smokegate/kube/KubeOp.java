package io.smokegate.kube;

import java.util.Objects;

/**
 * What a call does, in RBAC terms: a verb on a resource in a namespace (or across all namespaces, or on a
 * cluster-scoped resource), or a verb on a non-resource path such as {@code /version}. Every call states it,
 * so a 403 and a timeout can say exactly which permission or request was concerned.
 */
public sealed interface KubeOp {

    String verb();

    /** E.g. {@code 'list' on 'pods' (v1) in namespace 'athens'}. */
    String describe();

    /** The RBAC object that can grant it. */
    String grantWith();

    /**
     * A verb on a resource. {@code namespace} is null for a cluster-scoped resource, and for a namespaced one
     * means all namespaces.
     */
    record OnResource(String verb, ResourceRef resource, String namespace) implements KubeOp {

        public OnResource {
            requireVerb(verb);
            Objects.requireNonNull(resource, "resource");
            if (!resource.namespaced()) {
                namespace = null;
            }
        }

        @Override
        public String describe() {
            String what = "'" + verb + "' on '" + resource.qualifiedName() + "' (" + resource.groupVersion() + ")";
            if (!resource.namespaced()) {
                return what + " cluster-wide";
            }
            return namespace == null ? what + " in all namespaces" : what + " in namespace '" + namespace + "'";
        }

        @Override
        public String grantWith() {
            return namespace == null ? "a ClusterRole and ClusterRoleBinding" : "a Role/ClusterRole";
        }
    }

    /** A verb on a non-resource URL such as {@code /version} or {@code /healthz}. */
    record OnPath(String verb, String path) implements KubeOp {

        public OnPath {
            requireVerb(verb);
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("a non-resource path starts with /, got " + path);
            }
        }

        @Override
        public String describe() {
            return "'" + verb + "' on path '" + path + "'";
        }

        @Override
        public String grantWith() {
            return "a ClusterRole with nonResourceURLs";
        }
    }

    static KubeOp of(String verb, ResourceRef resource, String namespace) {
        return new OnResource(verb, resource, namespace);
    }

    static KubeOp list(ResourceRef resource, String namespace) {
        return new OnResource("list", resource, namespace);
    }

    static KubeOp get(ResourceRef resource, String namespace) {
        return new OnResource("get", resource, namespace);
    }

    static KubeOp path(String verb, String path) {
        return new OnPath(verb, path);
    }

    private static void requireVerb(String verb) {
        if (verb == null || !verb.matches("[a-z]+")) {
            throw new IllegalArgumentException("an RBAC verb is a lower-case word (get, list, watch, create …), got " + verb);
        }
    }
}
