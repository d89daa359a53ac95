package io.smokegate.report;

import io.smokegate.techdebt.DeprecatedApiFinding;
import io.smokegate.techdebt.HelmRelease;
import io.smokegate.techdebt.HygieneFinding;
import io.smokegate.techdebt.ManifestFiles;
import io.smokegate.techdebt.Skipped;
import io.smokegate.techdebt.TechDebtScan;
import io.smokegate.techdebt.helm.HelmReleases;
import io.smokegate.techdebt.hygiene.WorkloadHygiene;
import io.smokegate.techdebt.live.LastAppliedConfigurations;
import io.smokegate.techdebt.live.RequestedDeprecatedApis;
import io.smokegate.text.Plural;
import java.util.ArrayList;
import java.util.List;

/** A tech-debt scan as text and as Markdown ({@code smokegate techdebt}); its JSON is {@code techdebt.TechDebtJson}. */
public final class TechDebtReport {

    private TechDebtReport() {
    }

    private static String headline(TechDebtScan scan) {
        long objects = scan.figures().get(TechDebtScan.DEPRECATED_API_OBJECTS).longValue();
        long files = scan.figures().get(TechDebtScan.DEPRECATED_API_FILES).longValue();
        return objects == 0 ? "no deprecated API versions"
                : Plural.count(objects, "object") + (files == 0 ? "" : " in " + Plural.count(files, "file"))
                + (objects == 1 ? " uses" : " use") + " deprecated API versions";
    }

    /** {@code 12 manifest files scanned against Kubernetes v1.32.0}, saying where a defaulted target came from. */
    private static String scanned(TechDebtScan scan, String serverTarget) {
        List<String> what = new ArrayList<>();
        count(scan, ManifestFiles.FILES_SCANNED, "manifest file", what);
        count(scan, HelmReleases.RELEASES, "Helm release", what);
        count(scan, WorkloadHygiene.WORKLOADS, "workload", what);
        count(scan, LastAppliedConfigurations.OBJECTS, "last-applied annotation", what);
        return String.join(", ", what) + " scanned against Kubernetes " + scan.targets().kubernetes()
                + (serverTarget != null && scan.targets().given().contains("k8s") ? ", " + serverTarget
                : scan.targets().given().contains("k8s") ? "" : ", the newest release the table knows (choose one with --target-version)");
    }

    private static void count(TechDebtScan scan, String figure, String noun, List<String> into) {
        Number n = scan.figures().get(figure);
        if (n != null) {
            into.add(Plural.count(n.longValue(), noun));
        }
    }

    /** {@code 3 Helm releases, 1 outdated (33%), 1 of a deprecated chart}; null without a cluster. */
    private static String helmSummary(TechDebtScan scan) {
        Number releases = scan.figures().get(HelmReleases.RELEASES);
        if (releases == null) {
            return null;
        }
        return Plural.count(releases.longValue(), "Helm release") + ", " + scan.figures().get(HelmReleases.OUTDATED) + " outdated ("
                + Math.round(scan.figures().get(HelmReleases.OUTDATED_RATIO).doubleValue() * 100) + "%)"
                + (scan.figures().get(HelmReleases.DEPRECATED_CHARTS).longValue() == 0 ? ""
                : ", " + scan.figures().get(HelmReleases.DEPRECATED_CHARTS) + " of a deprecated chart");
    }

    private static String chart(HelmRelease h) {
        return h.chart() + " " + h.version() + (h.latest() == null ? " (latest unknown)" : h.outdated() ? " → " + h.latest()
                + (h.majorsBehind() > 0 ? " (" + Plural.count(h.majorsBehind(), "major version") + " behind)" : "")
                : " (latest)") + (h.deprecated() ? ", deprecated chart" : "");
    }

    private static String location(DeprecatedApiFinding f) {
        return f.file() == null ? f.source() : f.file() + ":" + f.line();
    }

    /**
     * The text report: headline, what was scanned against which version, each finding on one line, then Helm releases,
     * hygiene findings and what was skipped.
     *
     * @param serverTarget where the Kubernetes target came from when it is a live server's version, else null
     */
    public static String text(TechDebtScan scan, String serverTarget) {
        StringBuilder s = new StringBuilder();
        s.append("tech debt: ").append(headline(scan)).append('\n').append(scanned(scan, serverTarget)).append('\n');
        for (DeprecatedApiFinding f : scan.deprecatedApis()) {
            s.append("  ").append(TextReport.oneLine(location(f))).append("  ").append(TextReport.oneLine(object(f)))
                    .append("  ").append(TextReport.oneLine(f.apiVersion())).append(" → ").append(replacement(f))
                    .append("  ").append(status(f)).append('\n');
        }
        String helm = helmSummary(scan);
        if (helm != null) {
            s.append(helm).append('\n');
            for (HelmRelease h : scan.helmReleases()) {
                s.append("  ").append(TextReport.oneLine(h.namespace() + "/" + h.release())).append("  ")
                        .append(TextReport.oneLine(chart(h))).append('\n');
            }
        }
        if (scan.figures().containsKey(WorkloadHygiene.WORKLOADS)) {
            s.append("hygiene: ").append(Plural.count(scan.hygiene().size(), "finding")).append('\n');
            for (HygieneFinding h : scan.hygiene()) {
                s.append("  ").append(h.check()).append("  ").append(TextReport.oneLine(h.kind() + " " + h.namespace() + "/"
                        + h.name())).append("  ").append(TextReport.oneLine(h.message())).append('\n');
            }
        }
        if (scan.partial()) {
            s.append("skipped ").append(Plural.count(scan.skipped().size(), "item")).append(":\n");
            for (Skipped k : scan.skipped()) {
                s.append("  ").append(TextReport.oneLine(k.reason())).append('\n');
            }
        }
        return s.toString();
    }

    /** The same as Markdown tables, for CI summaries and merge-request notes. */
    public static String markdown(TechDebtScan scan, String serverTarget) {
        StringBuilder md = new StringBuilder();
        md.append("### smokegate tech debt: ").append(headline(scan)).append("\n\n")
                .append(MarkdownReport.cell(scanned(scan, serverTarget))).append("\n\n");
        if (!scan.deprecatedApis().isEmpty()) {
            md.append("| File | Object | API version | Replacement | Status |\n|---|---|---|---|---|\n");
            for (DeprecatedApiFinding f : scan.deprecatedApis()) {
                md.append("| `").append(MarkdownReport.cell(location(f))).append("` | ")
                        .append(MarkdownReport.cell(object(f))).append(" | `").append(MarkdownReport.cell(f.apiVersion()))
                        .append("` | ").append(f.replacement().isEmpty() ? "none" : "`" + MarkdownReport.cell(f.replacement()) + "`")
                        .append(" | ").append(status(f)).append(" |\n");
            }
            md.append('\n');
        }
        String helm = helmSummary(scan);
        if (helm != null) {
            md.append(helm).append("\n\n");
            if (!scan.helmReleases().isEmpty()) {
                md.append("| Release | Chart |\n|---|---|\n");
                for (HelmRelease h : scan.helmReleases()) {
                    md.append("| ").append(MarkdownReport.cell(h.namespace() + "/" + h.release())).append(" | ")
                            .append(MarkdownReport.cell(chart(h))).append(" |\n");
                }
                md.append('\n');
            }
        }
        if (!scan.hygiene().isEmpty()) {
            md.append("| Check | Object | Problem |\n|---|---|---|\n");
            for (HygieneFinding h : scan.hygiene()) {
                md.append("| `").append(h.check()).append("` | ").append(MarkdownReport.cell(h.kind() + " " + h.namespace() + "/"
                        + h.name())).append(" | ").append(MarkdownReport.cell(h.message())).append(" |\n");
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
        if (f.source().equals(RequestedDeprecatedApis.SOURCE)) {
            return f.kind() + " (requested by a client)";
        }
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
            case DEPRECATED -> (f.deprecatedIn() == null ? "" : "since " + f.deprecatedIn() + ", ")
                    + (f.removedIn() == null ? "removal not scheduled" : "removed in " + f.removedIn());
        } + ")";
    }
}
