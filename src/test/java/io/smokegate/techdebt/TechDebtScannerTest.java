package io.smokegate.techdebt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sources plug into the scanner; what each finds is merged in source order. */
class TechDebtScannerTest {

    private static final DeprecatedApis TABLE = DeprecatedApis.bundled();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);

    private static TechDebtSource source(String name, SourceResult result) {
        return new TechDebtSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SourceResult scan(DeprecatedApis table, TargetVersions targets) {
                return result;
            }
        };
    }

    private static DeprecatedApiFinding finding(String source, String file) {
        DeprecatedApi api = TABLE.lookup("batch/v1beta1", "CronJob").orElseThrow();
        return DeprecatedApiFinding.of(source, file, new ManifestObject("batch/v1beta1", "CronJob", "nightly", "shop", 3), api,
                ApiStatus.REMOVED);
    }

    @Test
    void aNewSourcePlugsInAndItsResultsAndFiguresAreMerged() {
        HelmRelease release = new HelmRelease("shop", "shop", "nginx", "1.0.0", "3.1.0", true, 2);
        HygieneFinding hygiene = new HygieneFinding("missingPodDisruptionBudget", "StatefulSet", "shop", "db", "no PDB selects it");
        TechDebtSource files = source("file", SourceResult.ofDeprecatedApis(
                List.of(finding("file", "a.yaml"), finding("file", "a.yaml"), finding("file", "b.yaml")),
                List.of(new Skipped("file", "c.yaml:1:1: YAML syntax")), Map.of("manifestFilesScanned", 3L)));
        TechDebtSource cluster = source("helm", new SourceResult(List.of(finding("helm", null)), List.of(release),
                List.of(hygiene), List.of(), Map.of("helmReleases", 1L, "helmOutdatedRatio", 1.0)));
        TechDebtScan scan = new TechDebtScanner(TABLE, List.of(files, cluster), CLOCK).scan(TargetVersions.newest(TABLE));
        assertEquals(Instant.parse("2026-12-06T10:00:00Z"), scan.scannedAt());
        assertEquals(List.of("a.yaml", "a.yaml", "b.yaml", "(none)"),
                scan.deprecatedApis().stream().map(f -> f.file() == null ? "(none)" : f.file()).toList());
        assertEquals(List.of(release), scan.helmReleases());
        assertEquals(List.of(hygiene), scan.hygiene());
        assertEquals(List.of("deprecatedApiFiles=2", "deprecatedApiObjects=4", "manifestFilesScanned=3", "helmOutdatedRatio=1.0",
                "helmReleases=1"), scan.figures().entrySet().stream().map(Object::toString).toList());
        assertEquals(true, scan.partial());
    }

    @Test
    void aSourceThatThrowsIsReportedAsSkippedAndTheOthersStillCount() {
        TechDebtSource broken = new TechDebtSource() {
            @Override
            public String name() {
                return "helm";
            }

            @Override
            public SourceResult scan(DeprecatedApis table, TargetVersions targets) {
                throw new IllegalStateException("decoder bug");
            }
        };
        TechDebtSource files = source("file", SourceResult.ofDeprecatedApis(List.of(finding("file", "a.yaml")), List.of(), Map.of()));
        TechDebtScan scan = new TechDebtScanner(TABLE, List.of(broken, files), CLOCK).scan(TargetVersions.newest(TABLE));
        assertEquals(List.of(new Skipped("helm", "the scan failed: java.lang.IllegalStateException: decoder bug")), scan.skipped());
        assertEquals(1L, scan.figures().get(TechDebtScan.DEPRECATED_API_OBJECTS));
    }

    @Test
    void twoSourcesCannotReportTheSameFigure() {
        SourceResult result = SourceResult.ofDeprecatedApis(List.of(), List.of(), Map.of("helmReleases", 1L));
        TechDebtScanner scanner = new TechDebtScanner(TABLE, List.of(source("a", result), source("b", result)), CLOCK);
        assertEquals("figure helmReleases is reported by more than one source",
                assertThrows(IllegalStateException.class, () -> scanner.scan(TargetVersions.newest(TABLE))).getMessage());
    }
}
