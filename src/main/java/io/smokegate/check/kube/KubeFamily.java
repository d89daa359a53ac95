package io.smokegate.check.kube;

import io.smokegate.check.CheckFamily;
import io.smokegate.check.CheckType;
import io.smokegate.check.Measure;
import java.util.List;

/**
 * The Kubernetes cluster checks and what they measure. Every type takes {@code cluster:} ({@link KubeParams#CLUSTER})
 * to pick a kubeconfig context; the connection is shared through {@link Clusters}.
 */
public final class KubeFamily implements CheckFamily {

    public static final Measure GITOPS_OBJECTS = new Measure("KUBE_GITOPS_OBJECTS", "kube_gitops_objects",
            "GitOps objects (Argo CD Applications, Flux Kustomizations and HelmReleases) the last probe read, by kind",
            List.of("kind"));
    public static final Measure GITOPS_FAILING = new Measure("KUBE_GITOPS_FAILING", "kube_gitops_failing",
            "GitOps objects not synced and healthy, or not Ready at their last attempted revision, by kind",
            List.of("kind"));
    public static final Measure DRIFT_FACTS = new Measure("KUBE_DRIFT_FACTS", "kube_drift_facts",
            "Distinct values of a drift fact across the compared contexts: 1 when they agree, 0 when read nowhere",
            List.of("fact"));

    @Override
    public String name() {
        return "kube";
    }

    @Override
    public List<CheckType> types() {
        return List.of(new GitOpsCheckType(), new DriftCheckType());
    }

    @Override
    public List<Measure> measures() {
        return List.of(GITOPS_OBJECTS, GITOPS_FAILING, DRIFT_FACTS);
    }
}
