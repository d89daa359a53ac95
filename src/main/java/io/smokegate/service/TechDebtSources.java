package io.smokegate.service;

import io.smokegate.config.TechDebtSettings;
import io.smokegate.kube.KubeClients;
import io.smokegate.kube.KubeCluster;
import io.smokegate.techdebt.ClusterSources;
import io.smokegate.techdebt.ManifestFiles;
import io.smokegate.techdebt.ScanTargets;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.techdebt.TechDebtSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The sources {@code serve} scans, from its {@code techdebt} settings: the one place that knows which settings make
 * which source. No source configured means no scans.
 */
public final class TechDebtSources {

    private TechDebtSources() {
    }

    /**
     * Manifest directories when {@code techdebt.repos} is set; for each context of {@code techdebt.contexts} its
     * cluster's sources ({@link ClusterSources}: Helm releases of {@code techdebt.helmNamespaces} compared with
     * {@code techdebt.chartRepos}, workload
     * hygiene, last-applied annotations, the API server's requested deprecated APIs), through {@code clients}, asked
     * for only when a context is configured.
     */
    public static List<TechDebtSource> of(TechDebtSettings settings, Supplier<KubeClients> clients) {
        List<TechDebtSource> sources = new ArrayList<>();
        if (!settings.repos().isEmpty()) {
            sources.add(new ManifestFiles(settings.repos(), ManifestFiles.Limits.defaults()));
        }
        if (!settings.contexts().isEmpty()) {
            sources.addAll(ClusterSources.of(clusters(settings, clients), List.of(), settings.helmNamespaces(),
                    settings.chartRepos()));
        }
        return List.copyOf(sources);
    }

    /**
     * {@code targets} (the table's newest with {@code techdebt.targetVersion} on top); when that gives no Kubernetes
     * release and {@code techdebt.contexts} is set, Kubernetes at the newest live version of those contexts, read at
     * each scan (see {@link ScanTargets#live}).
     */
    public static ScanTargets targets(TechDebtSettings settings, TargetVersions targets, Supplier<KubeClients> clients) {
        return settings.contexts().isEmpty() || targets.given().contains("k8s") ? ScanTargets.fixed(targets)
                : ScanTargets.live(targets, clusters(settings, clients));
    }

    private static List<KubeCluster> clusters(TechDebtSettings settings, Supplier<KubeClients> clients) {
        KubeClients kube = clients.get();
        return settings.contexts().stream().map(kube::cluster).toList();
    }
}
