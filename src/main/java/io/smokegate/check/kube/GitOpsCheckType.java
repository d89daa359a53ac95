package io.smokegate.check.kube;

import static io.smokegate.check.ParamKind.STRINGS;

import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.Params;
import io.smokegate.input.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code type: kube.gitops} — Argo CD Applications Synced and Healthy, Flux Kustomizations and HelmReleases Ready
 * at the revision they last attempted; see {@link GitOpsState} for what each status field means.
 */
public final class GitOpsCheckType implements CheckType {

    private static final List<Param> PARAMS = KubeParams.withCluster(
            Param.optional("kinds", STRINGS, GitOpsKind.names(),
                    "which objects to read: Application, Kustomization, HelmRelease (a kind whose CRD is not installed is skipped)"),
            Param.optional("namespaces", STRINGS, List.of("argocd"), "namespaces of the Argo CD Applications"),
            Param.optional("fluxNamespaces", STRINGS, null, "namespaces of the Flux objects (default: all namespaces)"),
            Param.optional("names", STRINGS, null, "only objects with these names; each must exist"),
            KubeParams.SELECTOR);

    @Override
    public String name() {
        return "kube.gitops";
    }

    @Override
    public String description() {
        return "Argo CD Applications Synced and Healthy, Flux Kustomizations/HelmReleases Ready at their attempted revision";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        List<GitOpsKind> kinds = new ArrayList<>();
        for (String k : p.strings("kinds")) {
            GitOpsKind kind = GitOpsKind.parse(k).orElseThrow(() -> new InvalidParamException("kinds",
                    "unknown GitOps kind '" + k + "'", Suggestions.hint(k, GitOpsKind.names())));
            kinds.add(kind);
        }
        if (kinds.isEmpty()) {
            throw new InvalidParamException("kinds", "needs at least one kind", String.join(", ", GitOpsKind.names()));
        }
        for (String ns : p.strings("namespaces")) {
            KubeEntries.name("namespaces", "namespace", ns);
        }
        for (String ns : p.strings("fluxNamespaces")) {
            KubeEntries.name("fluxNamespaces", "namespace", ns);
        }
        for (String n : p.strings("names")) {
            KubeEntries.name("names", "name", n);
        }
        return new KubeCheck(KubeParams.cluster(p), new GitOpsCheck(List.copyOf(new LinkedHashSet<>(kinds)),
                p.strings("namespaces"), p.strings("fluxNamespaces"), List.copyOf(new LinkedHashSet<>(p.strings("names"))),
                KubeParams.selector(p)));
    }
}
