package io.smokegate.check.kube;

import io.smokegate.check.CheckFamily;
import io.smokegate.check.CheckType;
import io.smokegate.check.Measure;
import java.util.List;

/**
 * The Kubernetes cluster checks (kube.*) and what they measure. Every type takes {@code cluster}
 * ({@link KubeParams#CLUSTER}) and runs as a {@link KubeCheck} on the check context's shared clients
 * ({@link Clusters}).
 */
public final class KubeFamily implements CheckFamily {

    public static final Measure NODES = new Measure("KUBE_NODES", "kube_nodes",
            "Nodes of the cluster seen by the last probe", List.of());
    public static final Measure NODES_READY = new Measure("KUBE_NODES_READY", "kube_nodes_ready",
            "Nodes whose Ready condition was True in the last probe", List.of());
    public static final Measure APISERVER_LATENCY = new Measure("KUBE_APISERVER_LATENCY",
            "kube_apiserver_request_duration_seconds",
            "Latency quantiles of the last probe's timed requests to the Kubernetes API server", List.of("quantile"));
    public static final Measure APISERVER_READYZ_FAILED = new Measure("KUBE_APISERVER_READYZ_FAILED",
            "kube_apiserver_readyz_failed_checks", "Checks the API server's /readyz reported failed in the last probe",
            List.of());
    public static final Measure WORKLOADS = new Measure("KUBE_WORKLOADS", "kube_workloads",
            "Workloads the last probe checked, by kind", List.of("kind"));
    public static final Measure WORKLOADS_UNHEALTHY = new Measure("KUBE_WORKLOADS_UNHEALTHY", "kube_workloads_unhealthy",
            "Workloads the last probe found unhealthy, by kind", List.of("kind"));
    public static final Measure CONTAINER_RESTARTS_HIGHEST = new Measure("KUBE_CONTAINER_RESTARTS_HIGHEST",
            "kube_container_restarts_highest",
            "Most restarts of one container among the checked workloads' pods", List.of());
    public static final Measure CERTIFICATE_DAYS_LEFT = new Measure("KUBE_CERTIFICATE_DAYS_LEFT",
            "kube_certificate_days_left", "Days until the earliest expiry of the certificates in a Secret",
            List.of("namespace", "name"));
    public static final Measure CERTIFICATE_MIN_DAYS_LEFT = new Measure("KUBE_CERTIFICATE_MIN_DAYS_LEFT",
            "kube_certificate_min_days_left", "Days until the earliest expiry among all certificates the last probe read",
            List.of());
    public static final Measure GITOPS_OBJECTS = new Measure("KUBE_GITOPS_OBJECTS", "kube_gitops_objects",
            "GitOps objects (Argo CD Applications, Flux Kustomizations and HelmReleases) the last probe read, by kind",
            List.of("kind"));
    public static final Measure GITOPS_FAILING = new Measure("KUBE_GITOPS_FAILING", "kube_gitops_failing",
            "GitOps objects not synced and healthy, or not Ready at their last attempted revision, by kind",
            List.of("kind"));
    public static final Measure DRIFT_FACTS = new Measure("KUBE_DRIFT_FACTS", "kube_drift_facts",
            "Distinct values of a drift fact across the compared contexts: 1 when they agree, 0 when read nowhere",
            List.of("fact"));
    public static final Measure TECHDEBT_FIGURE = new Measure("KUBE_TECHDEBT_FIGURE", "kube_techdebt_figure",
            "A tech-debt figure the last kube.techdebt probe judged, by figure (those with a threshold)", List.of("figure"));
    public static final Measure TECHDEBT_THRESHOLDS_CROSSED = new Measure("KUBE_TECHDEBT_THRESHOLDS_CROSSED",
            "kube_techdebt_thresholds_crossed", "Tech-debt thresholds the last kube.techdebt probe found crossed", List.of());

    @Override
    public String name() {
        return "kube";
    }

    @Override
    public List<CheckType> types() {
        return List.of(new NodesCheckType(), new ApiServerCheckType(), new WorkloadsCheckType(),
                new CertificatesCheckType(), new GitOpsCheckType(), new DriftCheckType(),
                new TechDebtCheckType());
    }

    @Override
    public List<Measure> measures() {
        return List.of(NODES, NODES_READY, APISERVER_LATENCY, APISERVER_READYZ_FAILED, WORKLOADS, WORKLOADS_UNHEALTHY,
                CONTAINER_RESTARTS_HIGHEST, CERTIFICATE_DAYS_LEFT, CERTIFICATE_MIN_DAYS_LEFT, GITOPS_OBJECTS, GITOPS_FAILING,
                DRIFT_FACTS, TECHDEBT_FIGURE, TECHDEBT_THRESHOLDS_CROSSED);
    }
}
