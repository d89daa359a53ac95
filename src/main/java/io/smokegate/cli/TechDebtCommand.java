package io.smokegate.cli;

import io.smokegate.input.InvalidInputException;
import io.smokegate.kube.KubeClients;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeConfigException;
import io.smokegate.kube.KubeSettings;
import io.smokegate.report.TechDebtReport;
import io.smokegate.report.TextReport;
import io.smokegate.techdebt.ClusterSources;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.ManifestFiles;
import io.smokegate.techdebt.ServerVersions;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.techdebt.TechDebtJson;
import io.smokegate.techdebt.TechDebtScan;
import io.smokegate.techdebt.TechDebtScanner;
import io.smokegate.techdebt.TechDebtSource;
import io.smokegate.techdebt.ThresholdCrossing;
import io.smokegate.techdebt.Thresholds;
import io.smokegate.techdebt.helm.ChartRepositories;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "techdebt", mixinStandardHelpOptions = true,
        description = {"Find tech debt that breaks the next upgrade.",
            "Deprecated or removed Kubernetes, cert-manager and Istio API versions",
            "in every *.yaml, *.yml and *.json file below each --repo directory",
            "(not .git; needs no cluster), in the manifests of Helm releases, in",
            "last-applied annotations and in the API server's count of requested",
            "deprecated APIs; Helm charts behind their chart repository",
            "(--chart-repo); workload",
            "hygiene (PodDisruptionBudgets, probes, resources, image tags,",
            "replicas, root). The cluster is read with --kubeconfig/--context, or",
            "kubectl's current context when no --repo is given."},
        footer = {"", "Exit codes: 0 the scan ran and no --threshold was crossed, 1 a",
            "threshold was crossed (each is listed on stderr), 2 invalid input:",
            "a --repo that is no directory, a bad --target-version, --threshold,",
            "--format or --chart-repo, no or a bad kubeconfig, an unknown",
            "context, 3 a Kubernetes API server could not be reached."})
final class TechDebtCommand implements Callable<Integer> {

    @Option(names = "--repo", paramLabel = "DIR",
            description = "A directory of manifests, e.g. a Git working tree (repeatable).")
    List<Path> repos;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The kubeconfig file (instead of KUBECONFIG).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME",
            description = "A context whose cluster to scan (repeatable; default: the current context).")
    List<String> contexts;

    @Option(names = "--namespace", paramLabel = "NAME",
            description = "Scan only this namespace of the clusters (repeatable; default: all).")
    List<String> namespaces;

    @Option(names = "--chart-repo", paramLabel = "URL",
            description = {"A Helm chart repository to compare releases with, as 'helm",
                "repo add' takes it or its index.yaml URL (repeatable)."})
    List<String> chartRepos;

    @Option(names = "--target-version", paramLabel = "[COMPONENT=]VERSION",
            description = {"The release to judge against: v1.32 (Kubernetes),",
                "cert-manager=v1.14 or istio=v1.22 (repeatable; default: the",
                "newest release the table knows, per component)."})
    List<String> targetVersions;

    @Option(names = "--threshold", paramLabel = "FIGURE=MAX",
            description = {"The most a figure may be, e.g. deprecatedApiFiles=10 or",
                "helmOutdatedRatio=0.3 (repeatable); above it the exit code is 1."})
    List<String> thresholdOptions;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
    String format;

    private final PrintStream out;
    private final PrintStream err;
    /** Where the Kubernetes target came from when a live server set it; null otherwise. */
    private String serverTarget;

    TechDebtCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        String chosen = format.toLowerCase(Locale.ROOT);
        if (!List.of("text", "json", "markdown").contains(chosen)) {
            err.println("error: --format: unknown format '" + TextReport.oneLine(format) + "'; use text, json or markdown");
            return ExitCode.INVALID;
        }
        List<Path> dirs = repos == null ? List.of() : repos;
        for (Path repo : dirs) {
            if (!Files.isDirectory(repo)) {
                err.println("error: --repo " + TextReport.oneLine(repo.toString()) + ": "
                        + (Files.exists(repo) ? "not a directory" : "no such directory"));
                return ExitCode.INVALID;
            }
        }
        DeprecatedApis table = DeprecatedApis.bundled();
        TargetVersions targets = TargetVersions.newest(table);
        try {
            for (String option : targetVersions == null ? List.<String>of() : targetVersions) {
                targets = targets.with(option);
            }
        } catch (InvalidInputException e) {
            Inputs.print(e, err);
            return ExitCode.INVALID;
        }
        Thresholds thresholds = Thresholds.NONE;
        for (String option : thresholdOptions == null ? List.<String>of() : thresholdOptions) {
            try {
                thresholds = thresholds.with(option);
            } catch (IllegalArgumentException e) {
                err.println("error: --threshold " + TextReport.oneLine(option) + ": " + e.getMessage());
                return ExitCode.INVALID;
            }
        }
        boolean cluster = kubeconfig != null || contexts != null || dirs.isEmpty();
        List<URI> charts = new ArrayList<>();
        for (String url : chartRepos == null ? List.<String>of() : chartRepos) {
            URI uri = chartRepository(url);
            if (uri == null) {
                return ExitCode.INVALID;
            }
            charts.add(uri);
        }
        if (!cluster && (!charts.isEmpty() || namespaces != null)) {
            err.println("error: " + (charts.isEmpty() ? "--namespace" : "--chart-repo") + " applies to the Helm releases"
                    + " and workloads of a cluster: add --kubeconfig or --context");
            return ExitCode.INVALID;
        }
        List<TechDebtSource> sources = new ArrayList<>();
        if (!dirs.isEmpty()) {
            sources.add(new ManifestFiles(dirs, ManifestFiles.Limits.defaults()));
        }
        if (!cluster) {
            return report(new TechDebtScanner(table, sources, Clock.systemUTC()).scan(targets), chosen, thresholds);
        }
        Vertx[] vertx = new Vertx[1];
        try (KubeClients clients = KubeClients.fromEnvironment(KubeSettings.defaults().withKubeconfig(kubeconfig),
                () -> vertx[0] = Vertx.vertx())) {
            List<KubeCluster> clusters = new ArrayList<>();
            try {
                for (String name : contexts == null ? List.of("") : List.copyOf(new LinkedHashSet<>(contexts))) {
                    clusters.add(clients.cluster(name));
                }
            } catch (KubeConfigException e) {
                err.println("error: " + e.getMessage());
                return ExitCode.INVALID;
            }
            ServerVersions versions = ServerVersions.read(clusters);
            if (versions.unreachable().isPresent()) {
                err.println("error: " + versions.unreachable().get().getMessage());
                return ExitCode.UNREACHABLE;
            }
            for (ServerVersions.Unread unread : versions.unread()) {
                err.println("warning: the version of context '" + unread.context() + "' is unknown: " + unread.reason());
            }
            if (versions.newest().isPresent() && !targets.given().contains("k8s")) {
                targets = versions.applyTo(targets);
                serverTarget = clusters.size() == 1 ? "the version of context '" + clusters.get(0).context() + "'"
                        : "the newest version of the contexts scanned";
            }
            List<String> scope = namespaces == null ? List.of() : List.copyOf(new LinkedHashSet<>(namespaces));
            sources.addAll(ClusterSources.of(clusters, scope, charts));
            return report(new TechDebtScanner(table, sources, Clock.systemUTC()).scan(targets), chosen, thresholds);
        } finally {
            if (vertx[0] != null) {
                vertx[0].close().await();
            }
        }
    }

    private URI chartRepository(String url) {
        try {
            return ChartRepositories.url(url);
        } catch (IllegalArgumentException e) {
            err.println("error: --chart-repo " + TextReport.oneLine(url) + ": not an http(s) URL of a Helm chart repository,"
                    + " e.g. https://charts.example.com/stable");
            return null;
        }
    }

    private int report(TechDebtScan scan, String chosen, Thresholds thresholds) {
        switch (chosen) {
            case "json" -> json(scan);
            case "markdown" -> out.print(TechDebtReport.markdown(scan, serverTarget));
            default -> out.print(TechDebtReport.text(scan, serverTarget));
        }
        out.flush();
        return judge(scan, thresholds);
    }

    /** Crossed thresholds on stderr (the report on stdout stays the documented format), and the exit code. */
    private int judge(TechDebtScan scan, Thresholds thresholds) {
        for (String figure : thresholds.unmeasured(scan.figures())) {
            err.println("note: threshold on " + figure + " not judged: this scan has no such figure (its source did not run)");
        }
        List<ThresholdCrossing> crossed = thresholds.crossed(scan.figures());
        for (ThresholdCrossing c : crossed) {
            err.println("threshold crossed: " + c.describe());
        }
        return crossed.isEmpty() ? ExitCode.PASSED : ExitCode.FAILED;
    }

    private void json(TechDebtScan scan) {
        try {
            TechDebtJson.write(scan, out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
