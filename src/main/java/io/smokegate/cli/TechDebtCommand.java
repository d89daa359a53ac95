package io.smokegate.cli;

import io.smokegate.input.InvalidInputException;
import io.smokegate.report.MarkdownReport;
import io.smokegate.report.TextReport;
import io.smokegate.techdebt.DeprecatedApiFinding;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.ManifestFiles;
import io.smokegate.techdebt.Skipped;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.techdebt.TechDebtJson;
import io.smokegate.techdebt.TechDebtScan;
import io.smokegate.techdebt.TechDebtScanner;
import io.smokegate.techdebt.ThresholdCrossing;
import io.smokegate.techdebt.Thresholds;
import io.smokegate.text.Plural;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "techdebt", mixinStandardHelpOptions = true,
        description = {"Find manifests that use deprecated or removed API versions.",
            "Tech debt of Kubernetes, cert-manager and Istio APIs: reads every",
            "*.yaml, *.yml and *.json file below each --repo directory (not",
            ".git); needs no cluster."},
        footer = {"", "Exit codes: 0 the scan ran and no --threshold was crossed, 1 a",
            "threshold was crossed (each is listed on stderr), 2 invalid input:",
            "a --repo that is no directory, a bad --target-version, --threshold",
            "or --format."})
final class TechDebtCommand implements Callable<Integer> {

    @Option(names = "--repo", paramLabel = "DIR", required = true,
            description = "A directory of manifests, e.g. a Git working tree (repeatable).")
    List<Path> repos;

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
        for (Path repo : repos) {
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
        TechDebtScanner scanner = new TechDebtScanner(table,
                List.of(new ManifestFiles(repos, ManifestFiles.Limits.defaults())), Clock.systemUTC());
        TechDebtScan scan = scanner.scan(targets);
        switch (chosen) {
            case "json" -> json(scan);
            case "markdown" -> out.print(markdown(scan));
            default -> out.print(text(scan));
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

    private String headline(TechDebtScan scan) {
        long objects = scan.figures().get(TechDebtScan.DEPRECATED_API_OBJECTS).longValue();
        long files = scan.figures().get(TechDebtScan.DEPRECATED_API_FILES).longValue();
        return objects == 0 ? "no deprecated API versions"
                : Plural.count(objects, "object") + " in " + Plural.count(files, "file") + " use deprecated API versions";
    }

    /** {@code 12 manifest files scanned against Kubernetes v1.32.0}, saying where a defaulted target came from. */
    private String scanned(TechDebtScan scan) {
        return Plural.count(scan.figures().get(ManifestFiles.FILES_SCANNED).longValue(), "manifest file")
                + " scanned against Kubernetes " + scan.targets().kubernetes()
                + (scan.targets().given().contains("k8s") ? "" : ", the newest release the table knows (choose one with --target-version)");
    }

    private String text(TechDebtScan scan) {
        StringBuilder s = new StringBuilder();
        s.append("tech debt: ").append(headline(scan)).append('\n').append(scanned(scan)).append('\n');
        for (DeprecatedApiFinding f : scan.deprecatedApis()) {
            s.append("  ").append(TextReport.oneLine(f.file() + ":" + f.line())).append("  ").append(TextReport.oneLine(object(f)))
                    .append("  ").append(TextReport.oneLine(f.apiVersion())).append(" → ").append(replacement(f))
                    .append("  ").append(status(f)).append('\n');
        }
        if (scan.partial()) {
            s.append("skipped ").append(Plural.count(scan.skipped().size(), "item")).append(":\n");
            for (Skipped k : scan.skipped()) {
                s.append("  ").append(TextReport.oneLine(k.reason())).append('\n');
            }
        }
        return s.toString();
    }

    private String markdown(TechDebtScan scan) {
        StringBuilder md = new StringBuilder();
        md.append("### smokegate tech debt: ").append(headline(scan)).append("\n\n")
                .append(MarkdownReport.cell(scanned(scan))).append("\n\n");
        if (!scan.deprecatedApis().isEmpty()) {
            md.append("| File | Object | API version | Replacement | Status |\n|---|---|---|---|---|\n");
            for (DeprecatedApiFinding f : scan.deprecatedApis()) {
                md.append("| `").append(MarkdownReport.cell(f.file() + ":" + f.line())).append("` | ")
                        .append(MarkdownReport.cell(object(f))).append(" | `").append(MarkdownReport.cell(f.apiVersion()))
                        .append("` | ").append(f.replacement().isEmpty() ? "none" : "`" + MarkdownReport.cell(f.replacement()) + "`")
                        .append(" | ").append(status(f)).append(" |\n");
            }
            md.append('\n');
        }
        if (scan.partial()) {
            md.append("Skipped ").append(Plural.count(scan.skipped().size(), "item")).append(":\n\n");
            for (Skipped k : scan.skipped()) {
                md.append("- ").append(MarkdownReport.cell(k.reason())).append('\n');
            }
        }
        return md.toString();
    }

    /** {@code Deployment shop/web}: kind, then namespace/name as kubectl writes them. */
    private static String object(DeprecatedApiFinding f) {
        String name = f.name() == null ? "(no name)" : f.name();
        return f.kind() + " " + (f.namespace() == null ? name : f.namespace() + "/" + name);
    }

    private static String replacement(DeprecatedApiFinding f) {
        return f.replacement().isEmpty() ? "(no replacement)" : TextReport.oneLine(f.replacement());
    }

    private static String status(DeprecatedApiFinding f) {
        return f.status().label() + " (" + switch (f.status()) {
            case REMOVED -> "since " + f.removedIn();
            case REMOVED_IN_NEXT -> "removed in " + f.removedIn();
            case DEPRECATED -> "since " + f.deprecatedIn() + (f.removedIn() == null ? ", removal not scheduled" : ", removed in " + f.removedIn());
        } + ")";
    }
}
