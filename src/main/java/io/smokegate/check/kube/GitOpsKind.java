package io.smokegate.check.kube;

import io.smokegate.kube.ResourceRef;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The GitOps objects smokegate reads: Argo CD Applications and Flux Kustomizations and HelmReleases. */
public enum GitOpsKind {
    APPLICATION("Application", "Argo CD", ResourceRef.namespaced("argoproj.io", "v1alpha1", "applications"), "argocd"),
    KUSTOMIZATION("Kustomization", "Flux", ResourceRef.namespaced("kustomize.toolkit.fluxcd.io", "v1", "kustomizations"),
            "flux-system"),
    HELM_RELEASE("HelmRelease", "Flux", ResourceRef.namespaced("helm.toolkit.fluxcd.io", "v2", "helmreleases"),
            "flux-system");

    private final String kind;
    private final String tool;
    private final ResourceRef resource;
    private final String defaultNamespace;

    GitOpsKind(String kind, String tool, ResourceRef resource, String defaultNamespace) {
        this.kind = kind;
        this.tool = tool;
        this.resource = resource;
        this.defaultNamespace = defaultNamespace;
    }

    /** The object's {@code kind}, e.g. {@code Application}. */
    public String kind() {
        return kind;
    }

    /** Argo CD or Flux. */
    public String tool() {
        return tool;
    }

    public ResourceRef resource() {
        return resource;
    }

    /** Where the tool keeps its objects by default: {@code argocd}, {@code flux-system}. */
    public String defaultNamespace() {
        return defaultNamespace;
    }

    /** By kind name, case-insensitive. */
    public static Optional<GitOpsKind> parse(String text) {
        return Arrays.stream(values()).filter(k -> k.kind.equalsIgnoreCase(text)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(GitOpsKind::kind).toList();
    }
}
