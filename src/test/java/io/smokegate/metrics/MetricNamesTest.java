package io.smokegate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.attribution.Dora;
import io.smokegate.check.CheckRegistry;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Measure;
import io.smokegate.check.Measurement;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunStatus;
import io.smokegate.techdebt.ApiStatus;
import io.smokegate.techdebt.DeprecatedApiFinding;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.ManifestObject;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.techdebt.TechDebtScan;
import io.smokegate.techdebt.Thresholds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MetricNamesTest {

    @Test
    void theCatalogueListsExactlyTheSeriesTheServiceExports() {
        SmokegateMetrics metrics = new SmokegateMetrics("test");
        metrics.watchQueue(() -> 0, () -> 0);
        metrics.watchLeader(() -> true);
        metrics.scheduleSkipped("demo");
        metrics.recordSloObjective("demo", 0.99);
        metrics.recordGate("demo", "pass", List.of("pass", "warning", "fail"), 1, Instant.now());
        metrics.alertsReceived("firing", 1);
        DeprecatedApis table = DeprecatedApis.bundled();
        DeprecatedApiFinding finding = DeprecatedApiFinding.of("file", "a.yaml", new ManifestObject("batch/v1beta1", "CronJob",
                "nightly", "shop", 1), table.lookup("batch/v1beta1", "CronJob").orElseThrow(), ApiStatus.REMOVED);
        TechDebtScan scan = new TechDebtScan(Instant.now(), TargetVersions.newest(table),
                Map.of(TechDebtScan.DEPRECATED_API_FILES, 1L), List.of(finding), List.of(), List.of(), List.of());
        metrics.watchTechDebt(() -> new SmokegateMetrics.TechDebtState(scan, Duration.ofMillis(5), 0,
                new Thresholds(Map.of(TechDebtScan.DEPRECATED_API_FILES, 0.0)), table));
        metrics.chaos().started("e1", "demo", Instant.now().plusSeconds(60));
        metrics.chaos().finished(ChaosMetricsTest.passed("e0", "demo"));
        metrics.chaos().swept(1, 0);
        metrics.analyses().started("a1", "demo");
        AttributionMetrics attribution = metrics.attribution();
        attribution.attributed("checkout", "high", Duration.ofMillis(20));
        attribution.failed("checkout");
        attribution.services(List.of("checkout"),
                List.of(new AttributionMetrics.ServiceChecklist("checkout", "prod", "checkout-smoke")));
        Instant now = Instant.now();
        attribution.update(new AttributionMetrics.Snapshot(List.of(new AttributionMetrics.LastDeploy("checkout", "prod", now)),
                List.of(new Dora.Figures("checkout", "prod", now.minus(Duration.ofDays(30)), now, 2, 2 / 30.0,
                        Optional.of(Duration.ofHours(3)), 2, 1, Optional.of(0.5), Optional.of(Duration.ofMinutes(20)), 1, 0)),
                List.of(new AttributionMetrics.Suspect("a1", "HighErrorRate", "c0ffee", "checkout", "high", "abc123",
                        "def456", "42"))));
        List<Measurement> every = new ArrayList<>();
        for (Measure m : CheckRegistry.standard().measures()) {
            every.add(new Measurement(m, 1, Collections.nCopies(m.labelNames().size(), "x")));
        }
        metrics.record(new RunReport("01a20107-0153-7033-b446-247a6ff7eac3", "demo", Map.of(), RunStatus.PASSED, "cli",
                Instant.now(), Duration.ofMillis(5), List.of(new CheckResult("a", "http", CheckStatus.PASSED,
                        Instant.now(), Duration.ofMillis(5), "ok", Map.of(), every, 1, 1))));
        Set<String> exported = Arrays.stream(new String(metrics.scrape(), StandardCharsets.UTF_8).split("\n"))
                .filter(l -> l.startsWith("# TYPE smokegate_"))
                .map(l -> l.split(" ")[2])
                .filter(n -> !n.endsWith("_max"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(MetricNames.all(CheckRegistry.standard().measures())), exported);
    }
}
