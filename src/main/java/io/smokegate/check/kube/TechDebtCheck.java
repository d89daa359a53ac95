package io.smokegate.check.kube;

import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.kube.KubeCluster;
import io.smokegate.techdebt.ClusterSources;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.ManifestFiles;
import io.smokegate.techdebt.ScanTargets;
import io.smokegate.techdebt.ServerVersions;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.techdebt.TechDebtScan;
import io.smokegate.techdebt.TechDebtScanner;
import io.smokegate.techdebt.TechDebtSource;
import io.smokegate.techdebt.ThresholdCrossing;
import io.smokegate.techdebt.Thresholds;
import io.smokegate.text.Plural;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The prepared {@code kube.techdebt} check; see {@link TechDebtCheckType}. */
final class TechDebtCheck {

    /** How many skipped entries the {@code skipped} detail names; {@code skippedCount} has them all. */
    static final int SKIPPED_IN_DETAILS = 5;

    private final List<Path> repos;
    private final List<String> namespaces;
    private final List<URI> chartRepos;
    private final TargetVersions targets;
    private final Thresholds thresholds;

    TechDebtCheck(List<Path> repos, List<String> namespaces, List<URI> chartRepos, TargetVersions targets, Thresholds thresholds) {
        this.repos = List.copyOf(repos);
        this.namespaces = List.copyOf(namespaces);
        this.chartRepos = List.copyOf(chartRepos);
        this.targets = targets;
        this.thresholds = thresholds;
    }

    /** Scans {@code clusters} (none: the repos alone) and the repos, and judges the figures. */
    Outcome run(List<KubeCluster> clusters, Probe probe) throws InterruptedException {
        for (Path repo : repos) {
            if (!Files.isDirectory(repo)) {
                return Outcome.fail("repos: '" + repo + "' is " + (Files.exists(repo) ? "not a directory" : "no such directory"));
            }
        }
        ScanTargets.Chosen chosen = new ScanTargets.Chosen(targets, List.of());
        if (!clusters.isEmpty()) {
            // Read even when targetVersion names Kubernetes: it proves the API server answers, and an unreachable
            // one fails the check rather than leaving every cluster source skipped.
            ServerVersions versions = ServerVersions.read(clusters);
            if (versions.unreachable().isPresent()) {
                throw versions.unreachable().get();
            }
            TargetVersions live = versions.applyTo(targets);
            chosen = new ScanTargets.Chosen(live, versions.skipped(live));
        }
        List<TechDebtSource> sources = new ArrayList<>();
        if (!repos.isEmpty()) {
            sources.add(new ManifestFiles(repos, ManifestFiles.Limits.defaults()));
        }
        if (!clusters.isEmpty()) {
            sources.addAll(ClusterSources.of(clusters, namespaces, chartRepos));
        }
        ScanTargets.Chosen fixed = chosen;
        TechDebtScan scan = new TechDebtScanner(DeprecatedApis.bundled(), sources, Clock.systemUTC()).scan(() -> fixed);
        if (Thread.interrupted()) {
            // A source saw the runner cancel the check and reported it as skipped; a cut-short scan judges nothing.
            throw new InterruptedException("the tech-debt scan was cancelled");
        }
        return judge(scan, probe);
    }

    private Outcome judge(TechDebtScan scan, Probe probe) {
        String against = "Kubernetes " + scan.targets().kubernetes();
        probe.detail("targetVersion", scan.targets().kubernetes().toString());
        probe.detail("figures", scan.figures());
        if (scan.partial()) {
            probe.detail("skipped", scan.skipped().stream().limit(SKIPPED_IN_DETAILS).map(s -> s.source() + ": " + s.reason()).toList());
            probe.detail("skippedCount", scan.skipped().size());
        }
        List<ThresholdCrossing> crossed = thresholds.crossed(scan.figures());
        thresholds.limits().keySet().forEach(figure -> {
            Number value = scan.figures().get(figure);
            if (value != null) {
                probe.measure(KubeFamily.TECHDEBT_FIGURE, value.doubleValue(), figure);
            }
        });
        probe.measure(KubeFamily.TECHDEBT_THRESHOLDS_CROSSED, crossed.size());
        List<String> offenders = new ArrayList<>(crossed.stream().map(ThresholdCrossing::describe).toList());
        for (String figure : thresholds.unmeasured(scan.figures())) {
            offenders.add(figure + " was not reported by the scan, so its threshold cannot be judged"
                    + (scan.partial() ? " (see skipped)" : " (its source did not run: add repos or a cluster)"));
        }
        int total = thresholds.limits().size();
        String skipped = scan.partial() ? "; " + Plural.count(scan.skipped().size(), "item") + " skipped" : "";
        if (!offenders.isEmpty()) {
            int unjudged = offenders.size() - crossed.size();
            String summary = (crossed.isEmpty() ? unjudged : crossed.size()) + " of " + Plural.count(total, "tech-debt threshold")
                    + (crossed.isEmpty() ? " not judged" : " crossed" + (unjudged == 0 ? "" : ", " + unjudged + " not judged"));
            return Offenders.fail(probe, summary + ", judged against " + against + skipped, offenders);
        }
        List<String> kept = new ArrayList<>();
        thresholds.limits().forEach((figure, max) -> kept.add(figure + " " + ThresholdCrossing.number(scan.figures().get(figure).doubleValue())
                + " (max " + ThresholdCrossing.number(max) + ")"));
        return Outcome.pass(Plural.count(total, "tech-debt figure") + " within " + (total == 1 ? "its threshold" : "their thresholds")
                + " against " + against + ": " + String.join(", ", kept) + skipped);
    }
}
