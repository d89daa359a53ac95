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

    @Override
    public String name() {
        return "kube";
    }

    @Override
    public List<CheckType> types() {
        return List.of(new NodesCheckType(), new ApiServerCheckType(), new WorkloadsCheckType(),
                new CertificatesCheckType());
    }

    @Override
    public List<Measure> measures() {
        return List.of(NODES, NODES_READY, APISERVER_LATENCY, APISERVER_READYZ_FAILED, WORKLOADS, WORKLOADS_UNHEALTHY,
                CONTAINER_RESTARTS_HIGHEST, CERTIFICATE_DAYS_LEFT, CERTIFICATE_MIN_DAYS_LEFT);
    }
}
