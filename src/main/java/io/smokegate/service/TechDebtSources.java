package io.smokegate.service;

import io.smokegate.config.TechDebtSettings;
import io.smokegate.kube.KubeSettings;
import io.smokegate.techdebt.ManifestFiles;
import io.smokegate.techdebt.TechDebtSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The sources {@code serve} scans, from its {@code techdebt} settings: the one place that knows which settings make
 * which source. No source configured means no scans.
 */
public final class TechDebtSources {

    private TechDebtSources() {
    }

    /**
     * Manifest directories when {@code techdebt.repos} is set. Sources of the clusters in {@code techdebt.contexts}
     * (Helm releases compared with {@code techdebt.chartRepos}, workload hygiene) join here, one line each, with
     * {@code kube} to connect.
     */
    public static List<TechDebtSource> of(TechDebtSettings settings, KubeSettings kube) {
        List<TechDebtSource> sources = new ArrayList<>();
        if (!settings.repos().isEmpty()) {
            sources.add(new ManifestFiles(settings.repos(), ManifestFiles.Limits.defaults()));
        }
        return List.copyOf(sources);
    }
}
