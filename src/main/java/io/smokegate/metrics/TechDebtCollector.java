package io.smokegate.metrics;

import static io.smokegate.metrics.MetricNames.inSnapshot;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.smokegate.techdebt.DeprecatedApi;
import io.smokegate.techdebt.DeprecatedApiFinding;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.TechDebtScan;
import io.smokegate.techdebt.ThresholdCrossing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The tech-debt series, made from the last scan each time {@code /metrics} is scraped: nothing is kept between
 * scans, so a figure a source stopped reporting disappears with the next scan instead of lingering. Labels are
 * bounded: figure names are fixed, and deprecated-API series are labelled from the table's rows (a row that covers
 * every kind of its apiVersion is labelled {@code kind="*"}), never from what manifests wrote.
 */
final class TechDebtCollector implements MultiCollector {

    private final Supplier<SmokegateMetrics.TechDebtState> state;

    TechDebtCollector(Supplier<SmokegateMetrics.TechDebtState> state) {
        this.state = state;
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(MetricNames.TECHDEBT_FIGURE, MetricNames.TECHDEBT_DEPRECATED_API_OBJECTS,
                MetricNames.TECHDEBT_LAST_SCAN_TIMESTAMP, MetricNames.TECHDEBT_SCAN_DURATION,
                inSnapshot(MetricNames.TECHDEBT_SCAN_FAILURES),
                MetricNames.TECHDEBT_THRESHOLD_CROSSED);
    }

    @Override
    public MetricSnapshots collect() {
        SmokegateMetrics.TechDebtState s = state.get();
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(CounterSnapshot.builder().name(inSnapshot(MetricNames.TECHDEBT_SCAN_FAILURES))
                .help("Tech-debt scans that failed: a source failed as a whole, or the scan could not be made or stored")
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(s.failures()).build()).build());
        TechDebtScan scan = s.lastScan();
        if (scan == null) {
            return new MetricSnapshots(out);
        }
        GaugeSnapshot.Builder figures = GaugeSnapshot.builder().name(MetricNames.TECHDEBT_FIGURE)
                .help("Figures of the last tech-debt scan, e.g. deprecatedApiFiles, helmOutdatedRatio");
        scan.figures().forEach((name, value) -> figures.dataPoint(point(value.doubleValue(), "figure", name)));
        out.add(figures.build());
        GaugeSnapshot.Builder objects = GaugeSnapshot.builder().name(MetricNames.TECHDEBT_DEPRECATED_API_OBJECTS)
                .help("Objects of the last tech-debt scan that use a deprecated or removed API version, by status and table row");
        deprecatedByRow(scan, s.table()).forEach((labels, count) -> objects.dataPoint(point(count,
                "status", labels.get(0), "api_version", labels.get(1), "kind", labels.get(2))));
        out.add(objects.build());
        out.add(gauge(MetricNames.TECHDEBT_LAST_SCAN_TIMESTAMP, "Time of the last tech-debt scan (Unix time)",
                scan.scannedAt().toEpochMilli() / 1000.0));
        out.add(gauge(MetricNames.TECHDEBT_SCAN_DURATION, "Wall time of the last tech-debt scan",
                s.lastDuration().toNanos() / 1e9));
        GaugeSnapshot.Builder crossed = GaugeSnapshot.builder().name(MetricNames.TECHDEBT_THRESHOLD_CROSSED)
                .help("1 if the figure of the last tech-debt scan is above its configured maximum, else 0");
        Set<String> above = s.thresholds().crossed(scan.figures()).stream().map(ThresholdCrossing::figure)
                .collect(Collectors.toSet());
        for (String figure : s.thresholds().limits().keySet()) {
            if (scan.figures().containsKey(figure)) {
                crossed.dataPoint(point(above.contains(figure) ? 1 : 0, "figure", figure));
            }
        }
        out.add(crossed.build());
        return new MetricSnapshots(out);
    }

    /** Findings counted by [status, apiVersion, kind] of the table row each matched; sorted, for stable output. */
    private static Map<List<String>, Long> deprecatedByRow(TechDebtScan scan, DeprecatedApis table) {
        Map<List<String>, Long> out = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        for (DeprecatedApiFinding f : scan.deprecatedApis()) {
            DeprecatedApi row = table.lookup(f.apiVersion(), f.kind()).orElse(null);
            if (row != null) {
                out.merge(List.of(f.status().label(), row.apiVersion(), row.wholeVersion() ? "*" : row.kind()), 1L, Long::sum);
            }
        }
        return out;
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot point(double value, String... labels) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build();
    }
}
