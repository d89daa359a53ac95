package io.smokegate.techdebt;

import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.ListLimits;
import io.smokegate.techdebt.helm.ChartRepositories;
import io.smokegate.techdebt.helm.HelmReleases;
import io.smokegate.techdebt.hygiene.WorkloadHygiene;
import io.smokegate.techdebt.live.DeprecatedApiMetric;
import io.smokegate.techdebt.live.LastAppliedConfigurations;
import io.smokegate.techdebt.live.RequestedDeprecatedApis;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The sources that scan Kubernetes clusters, in report order: the one place both {@code smokegate techdebt} and
 * {@code serve} get them from, so a new cluster source shows up in both.
 */
public final class ClusterSources {

    private ClusterSources() {
    }

    /**
     * Helm releases (compared with {@code chartRepositories}), workload hygiene, last-applied annotations and, over
     * whole clusters only, the API server's requested-deprecated-APIs metric: it counts every namespace's callers,
     * so a scan limited to {@code namespaces} leaves it out (and does not need the cluster-wide permission).
     *
     * @param namespaces the namespaces to scan; empty: all
     */
    public static List<TechDebtSource> of(List<KubeCluster> clusters, List<String> namespaces, List<URI> chartRepositories) {
        return of(clusters, namespaces, namespaces, chartRepositories);
    }

    /**
     * As {@link #of(List, List, List)}, with Helm's release records read only in {@code helmNamespaces} (empty:
     * wherever the others scan): the records are Secrets, which a deployment may read only in named namespaces.
     */
    public static List<TechDebtSource> of(List<KubeCluster> clusters, List<String> namespaces, List<String> helmNamespaces,
                                          List<URI> chartRepositories) {
        List<TechDebtSource> sources = new ArrayList<>();
        sources.add(new HelmReleases(clusters, helmNamespaces.isEmpty() ? namespaces : helmNamespaces, new ChartRepositories(chartRepositories, ChartRepositories.Limits.defaults()),
                HelmReleases.Settings.defaults()));
        sources.add(new WorkloadHygiene(clusters, namespaces, ListLimits.DEFAULT));
        sources.add(new LastAppliedConfigurations(clusters, namespaces));
        if (namespaces.isEmpty()) {
            sources.add(new RequestedDeprecatedApis(clusters, DeprecatedApiMetric.Limits.defaults()));
        }
        return List.copyOf(sources);
    }
}
