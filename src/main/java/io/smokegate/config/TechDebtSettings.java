package io.smokegate.config;

import io.smokegate.schedule.Schedule;
import io.smokegate.techdebt.ReleaseVersion;
import io.smokegate.techdebt.Thresholds;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@code serve} scans for tech debt, when, and the figures' thresholds ({@code techdebt:} in the config file).
 *
 * @param schedule       when scans run by themselves (default every hour); scans on demand come on top
 * @param repos          directories of manifests (e.g. Git working trees) scanned for deprecated API versions
 * @param contexts       Kubernetes contexts whose cluster is scanned (Helm releases, workload hygiene)
 * @param chartRepos     chart repositories ({@code index.yaml} URLs or their base) Helm releases are compared with
 * @param helmNamespaces the namespaces whose Helm release records (Secrets, ConfigMaps) are read; empty: every
 *                       namespace, which needs secrets listed cluster-wide (an admin's kubeconfig, not the chart's
 *                       Roles, which grant Secrets only in the namespaces they name)
 * @param targetVersions the release to judge against per component ({@code k8s}, {@code cert-manager}, {@code istio});
 *                       components without one are judged against the newest release the table knows, Kubernetes
 *                       against the newest live version of {@code contexts} when they are set
 * @param thresholds     the most each figure may be
 */
public record TechDebtSettings(Schedule schedule, List<Path> repos, List<String> contexts, List<URI> chartRepos,
                               List<String> helmNamespaces, Map<String, ReleaseVersion> targetVersions, Thresholds thresholds) {

    public static final Schedule DEFAULT_SCHEDULE = new Schedule.Every(Duration.ofHours(1));

    public TechDebtSettings {
        Objects.requireNonNull(schedule, "schedule");
        repos = List.copyOf(repos);
        contexts = List.copyOf(contexts);
        chartRepos = List.copyOf(chartRepos);
        helmNamespaces = List.copyOf(helmNamespaces);
        targetVersions = Collections.unmodifiableMap(new TreeMap<>(targetVersions));
        Objects.requireNonNull(thresholds, "thresholds");
    }

    /** Hourly, with nothing to scan: {@code serve} scans nothing until repos or contexts are configured. */
    public static TechDebtSettings defaults() {
        return new TechDebtSettings(DEFAULT_SCHEDULE, List.of(), List.of(), List.of(), List.of(), Map.of(), Thresholds.NONE);
    }

    public TechDebtSettings withSchedule(Schedule s) {
        return new TechDebtSettings(s, repos, contexts, chartRepos, helmNamespaces, targetVersions, thresholds);
    }

    public TechDebtSettings withRepos(List<Path> dirs) {
        return new TechDebtSettings(schedule, dirs, contexts, chartRepos, helmNamespaces, targetVersions, thresholds);
    }

    public TechDebtSettings withContexts(List<String> names) {
        return new TechDebtSettings(schedule, repos, names, chartRepos, helmNamespaces, targetVersions, thresholds);
    }

    public TechDebtSettings withChartRepos(List<URI> urls) {
        return new TechDebtSettings(schedule, repos, contexts, urls, helmNamespaces, targetVersions, thresholds);
    }

    public TechDebtSettings withHelmNamespaces(List<String> namespaces) {
        return new TechDebtSettings(schedule, repos, contexts, chartRepos, namespaces, targetVersions, thresholds);
    }

    public TechDebtSettings withTargetVersions(Map<String, ReleaseVersion> targets) {
        return new TechDebtSettings(schedule, repos, contexts, chartRepos, helmNamespaces, targets, thresholds);
    }

    public TechDebtSettings withThresholds(Thresholds t) {
        return new TechDebtSettings(schedule, repos, contexts, chartRepos, helmNamespaces, targetVersions, t);
    }

    @Override
    public String toString() {
        return "{schedule=" + schedule.describe() + ", repos=" + repos + ", contexts=" + contexts + ", chartRepos="
                + chartRepos.stream().map(u -> u.toString().replaceFirst("//[^/@]*@", "//***@")).toList()
                + ", helmNamespaces=" + helmNamespaces + ", targetVersions=" + targetVersions + ", thresholds=" + thresholds.limits() + "}";
    }
}
