package io.smokegate.techdebt;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Runs every {@link TechDebtSource} once, one after the other, and merges what they found into one
 * {@link TechDebtScan}: findings and skipped entries in source order, the deprecated-API figures counted over all
 * findings, then each source's own figures.
 */
public final class TechDebtScanner {

    private final DeprecatedApis table;
    private final List<TechDebtSource> sources;
    private final Clock clock;

    public TechDebtScanner(DeprecatedApis table, List<TechDebtSource> sources, Clock clock) {
        this.table = Objects.requireNonNull(table);
        this.sources = List.copyOf(sources);
        this.clock = Objects.requireNonNull(clock);
    }

    public TechDebtScan scan(TargetVersions targets) {
        return scan(targets, List.of());
    }

    /**
     * Chooses the targets (e.g. reads the live server versions), then scans; what could not be read to choose them
     * comes first among the scan's skipped entries.
     */
    public TechDebtScan scan(ScanTargets targets) {
        ScanTargets.Chosen chosen = targets.choose();
        return scan(chosen.targets(), chosen.skipped());
    }

    private TechDebtScan scan(TargetVersions targets, List<Skipped> skippedBefore) {
        var scannedAt = clock.instant();
        List<DeprecatedApiFinding> deprecated = new ArrayList<>();
        List<HelmRelease> helm = new ArrayList<>();
        List<HygieneFinding> hygiene = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>(skippedBefore);
        Map<String, Number> sourceFigures = new LinkedHashMap<>();
        for (TechDebtSource source : sources) {
            SourceResult result;
            try {
                result = source.scan(table, targets);
            } catch (RuntimeException e) {
                // A source is expected to report its failures as skipped entries; one that throws must not cost
                // the other sources' results (a scheduled scan would otherwise record nothing at all).
                skipped.add(new Skipped(source.name(), "the scan failed: " + e));
                continue;
            }
            deprecated.addAll(result.deprecatedApis());
            helm.addAll(result.helmReleases());
            hygiene.addAll(result.hygiene());
            skipped.addAll(result.skipped());
            new TreeMap<>(result.figures()).forEach((name, value) -> {
                if (sourceFigures.putIfAbsent(name, value) != null || isDeprecatedApiFigure(name)) {
                    throw new IllegalStateException("figure " + name + " is reported by more than one source");
                }
            });
        }
        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put(TechDebtScan.DEPRECATED_API_FILES,
                deprecated.stream().filter(f -> f.file() != null).map(DeprecatedApiFinding::file).distinct().count());
        figures.put(TechDebtScan.DEPRECATED_API_OBJECTS, (long) deprecated.size());
        figures.putAll(sourceFigures);
        return new TechDebtScan(scannedAt, targets, figures, deprecated, helm, hygiene, skipped);
    }

    private static boolean isDeprecatedApiFigure(String name) {
        return name.equals(TechDebtScan.DEPRECATED_API_FILES) || name.equals(TechDebtScan.DEPRECATED_API_OBJECTS);
    }
}
