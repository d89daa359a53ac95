package io.smokegate.metrics;

import static io.smokegate.metrics.MetricNames.inSnapshot;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.smokegate.attribution.Attribution;
import io.smokegate.attribution.Dora;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The attribution and DORA series. Two kinds, as their sources differ:
 * <ul>
 *   <li>what this process did — attributions by confidence, failed attributions, time to attribute — counted here;</li>
 *   <li>what the shared database holds — each service's last deploy, DORA figures, the latest suspects — read by the
 *       attribution service every so often into a {@link Snapshot} that scrapes only copy, so a scrape never runs SQL
 *       or reads a repository, and every replica of one database exports the same values.</li>
 * </ul>
 * Labels are bounded: services come from the configuration (an alert naming another service is counted without the
 * label), environments from stored deploys (bounded by the reader), suspects are the last few.
 */
public final class AttributionMetrics implements MultiCollector {

    /** Bucket bounds of the time to attribute: a warm ranking takes milliseconds, a cold clone of a big repository minutes. */
    private static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
        Double.POSITIVE_INFINITY};

    /** The confidences an attribution can have, as labelled. */
    private static final List<String> CONFIDENCES = Arrays.stream(Attribution.Confidence.values())
            .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();

    /** The top suspect of one stored attribution; empty strings where it has none (no suspect, no pull request). */
    public record Suspect(String attribution, String alertname, String fingerprint, String service, String confidence,
                          String commit, String deployCommit, String pullRequest) {
    }

    /** A checklist that watches a configured service; {@code environment} null when the service counts any. */
    public record ServiceChecklist(String service, String environment, String checklist) {
    }

    /** When a service last reached an environment. */
    public record LastDeploy(String service, String environment, Instant time) {
    }

    /** What the database held at the last refresh. */
    public record Snapshot(List<LastDeploy> deploys, List<Dora.Figures> dora, List<Suspect> suspects) {
        public static final Snapshot EMPTY = new Snapshot(List.of(), List.of(), List.of());

        public Snapshot {
            deploys = List.copyOf(deploys);
            dora = List.copyOf(dora);
            suspects = List.copyOf(suspects);
        }
    }

    private final Map<List<String>, Long> attributions = new ConcurrentHashMap<>();
    private final Map<String, Long> failures = new ConcurrentHashMap<>();
    private final long[] bucketCounts = new long[BOUNDS.length];
    private double secondsSum;
    private volatile List<ServiceChecklist> checklists = List.of();
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    AttributionMetrics() {
    }

    /** An attribution was computed; {@code service} is the configured service it was for, null when none was. */
    public void attributed(String service, String confidence, Duration took) {
        attributions.merge(List.of(service == null ? "" : service, confidence), 1L, Long::sum);
        double seconds = took.toNanos() / 1e9;
        synchronized (bucketCounts) {
            int i = 0;
            while (seconds > BOUNDS[i]) {
                i++;
            }
            bucketCounts[i]++;
            secondsSum += seconds;
        }
    }

    /** An attribution could not be computed (repository unavailable, store failing); {@code service} as above. */
    public void failed(String service) {
        failures.merge(service == null ? "" : service, 1L, Long::sum);
    }

    /**
     * The configured services and the checklists that watch them. Every service (and alerts of none) starts with
     * its counters at zero: {@code increase()} cannot see a series' first sample, so a first failure exported as a
     * new series at 1 would never fire an alert.
     */
    public void services(List<String> services, List<ServiceChecklist> watching) {
        List<String> all = new ArrayList<>(services);
        all.add("");
        for (String service : all) {
            failures.putIfAbsent(service, 0L);
            for (String confidence : CONFIDENCES) {
                attributions.putIfAbsent(List.of(service, confidence), 0L);
            }
        }
        checklists = List.copyOf(watching);
    }

    public void update(Snapshot s) {
        snapshot = s;
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(MetricNames.DEPLOYMENT_LAST_TIMESTAMP, info(MetricNames.SERVICE_CHECKLIST_INFO),
                inSnapshot(MetricNames.ATTRIBUTIONS), inSnapshot(MetricNames.ATTRIBUTION_FAILURES),
                MetricNames.ATTRIBUTION_DURATION,
                info(MetricNames.ATTRIBUTION_SUSPECT_INFO), MetricNames.DORA_DEPLOYMENTS, MetricNames.DORA_DEPLOYMENTS_PER_DAY,
                MetricNames.DORA_LEAD_TIME, MetricNames.DORA_FAILED_DEPLOYMENTS, MetricNames.DORA_CHANGE_FAILURE_RATIO,
                MetricNames.DORA_RECOVERY_TIME, MetricNames.DORA_UNRECOVERED_DEPLOYMENTS);
    }

    /** Info series are named without {@code _info} in snapshots; the text format adds it. */
    private static String info(String name) {
        return name.substring(0, name.length() - "_info".length());
    }

    @Override
    public MetricSnapshots collect() {
        Snapshot s = snapshot;
        List<MetricSnapshot> out = new ArrayList<>();
        GaugeSnapshot.Builder deploys = GaugeSnapshot.builder().name(MetricNames.DEPLOYMENT_LAST_TIMESTAMP)
                .help("Time of the newest stored deploy of the service to the environment (Unix time)");
        s.deploys().forEach(d -> deploys.dataPoint(point(d.time().toEpochMilli() / 1000.0,
                "service", d.service(), "environment", d.environment())));
        out.add(deploys.build());

        InfoSnapshot.Builder watched = InfoSnapshot.builder().name(info(MetricNames.SERVICE_CHECKLIST_INFO))
                .help("A checklist that watches a service (attribution.services.<name>.checklists); environment when the service names one");
        checklists.forEach(c -> watched.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(labels(
                "service", c.service(), "environment", c.environment(), "checklist", c.checklist())).build()));
        out.add(watched.build());

        Map<List<String>, Long> byConfidence = new TreeMap<>((a, b) -> String.join("\u0000", a)
                .compareTo(String.join("\u0000", b)));
        byConfidence.putAll(attributions);
        CounterSnapshot.Builder attributed = CounterSnapshot.builder().name(inSnapshot(MetricNames.ATTRIBUTIONS))
                .help("Alerts attributed by this process, by confidence and configured service");
        byConfidence.forEach((key, n) -> attributed.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(n)
                .labels(labels("service", key.get(0), "confidence", key.get(1))).build()));
        out.add(attributed.build());
        CounterSnapshot.Builder failed = CounterSnapshot.builder().name(inSnapshot(MetricNames.ATTRIBUTION_FAILURES))
                .help("Alerts this process could not attribute: the repository was unavailable or the store failed");
        new TreeMap<>(failures).forEach((service, n) -> failed.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .value(n).labels(labels("service", service)).build()));
        out.add(failed.build());
        out.add(duration());

        InfoSnapshot.Builder suspects = InfoSnapshot.builder().name(info(MetricNames.ATTRIBUTION_SUSPECT_INFO))
                .help("The top suspect of each of the latest attributions");
        s.suspects().forEach(x -> suspects.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(labels(
                "attribution", x.attribution(), "alertname", x.alertname(), "fingerprint", x.fingerprint(),
                "service", x.service(), "confidence", x.confidence(), "commit", x.commit(),
                "deploy_commit", x.deployCommit(), "pull_request", x.pullRequest())).build()));
        out.add(suspects.build());

        dora(out, s, MetricNames.DORA_DEPLOYMENTS, "Deployments in the last 30 days", f -> f.deployments());
        dora(out, s, MetricNames.DORA_DEPLOYMENTS_PER_DAY, "Deployment frequency over the last 30 days, per day",
                Dora.Figures::deploymentsPerDay);
        dora(out, s, MetricNames.DORA_LEAD_TIME, "Median lead time for changes (commit to deploy) over the last 30 days",
                f -> seconds(f.leadTimeMedian()));
        dora(out, s, MetricNames.DORA_FAILED_DEPLOYMENTS, "Deployments of the last 30 days that alerts were attributed to",
                f -> f.failedDeployments());
        dora(out, s, MetricNames.DORA_CHANGE_FAILURE_RATIO, "Change failure rate: failed deployments / deployments, last 30 days",
                f -> f.changeFailRate().orElse(Double.NaN));
        dora(out, s, MetricNames.DORA_RECOVERY_TIME,
                "Median failed-deployment recovery time (first alert to resolved or next deploy), last 30 days",
                f -> seconds(f.recoveryTimeMedian()));
        dora(out, s, MetricNames.DORA_UNRECOVERED_DEPLOYMENTS,
                "Failed deployments of the last 30 days neither resolved nor followed by another deploy", f -> f.unrecovered());
        // A family without samples is left out, as in the other collectors: its name alone says nothing.
        return new MetricSnapshots(out.stream().filter(m -> !m.getDataPoints().isEmpty()).toList());
    }

    private HistogramSnapshot duration() {
        long[] counts;
        double sum;
        synchronized (bucketCounts) {
            counts = bucketCounts.clone();
            sum = secondsSum;
        }
        return HistogramSnapshot.builder().name(MetricNames.ATTRIBUTION_DURATION)
                .help("Time to attribute one alert: deploy markers read, candidates ranked, stored")
                .dataPoint(new HistogramSnapshot.HistogramDataPointSnapshot(ClassicHistogramBuckets.of(BOUNDS, counts), sum,
                        Labels.EMPTY, Exemplars.EMPTY, 0L)).build();
    }

    /** One DORA gauge per service and environment; a figure without a value (NaN) is left out, not exported as NaN. */
    private static void dora(List<MetricSnapshot> out, Snapshot s, String name, String help, ToDoubleFunction<Dora.Figures> value) {
        GaugeSnapshot.Builder g = GaugeSnapshot.builder().name(name).help(help);
        for (Dora.Figures f : s.dora()) {
            double v = value.applyAsDouble(f);
            if (!Double.isNaN(v)) {
                g.dataPoint(point(v, "service", f.service(), "environment", f.environment()));
            }
        }
        out.add(g.build());
    }

    private static double seconds(Optional<Duration> d) {
        return d.map(x -> x.toMillis() / 1000.0).orElse(Double.NaN);
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot point(double value, String... labels) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(labels(labels)).build();
    }

    /** Labels from name/value pairs; a null or empty value leaves its label out, as Prometheus reads it anyway. */
    private static Labels labels(String... pairs) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null && !pairs[i + 1].isEmpty()) {
                kept.addAll(Arrays.asList(pairs[i], pairs[i + 1]));
            }
        }
        return Labels.of(kept.toArray(String[]::new));
    }
}
