package io.smokegate.metrics;

import static io.smokegate.metrics.MetricNames.inSnapshot;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chaos series, made from what this process holds each time {@code /metrics} is scraped: the experiments under
 * way (fed by the experiment listener), the last finished experiment of each scenario, counters, and the last sweep.
 * Labels are bounded: scenario names come from the scenario files, the rest from fixed sets.
 */
public final class ChaosMetrics implements MultiCollector {

    /** What happened to an experiment's faults; the {@code result} label of the injections counter. */
    public enum Injection {
        INJECTED, REFUSED, SKIPPED, FAILED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A finished experiment, reduced to what its series show.
     *
     * @param verdict         pass, fail or error
     * @param recoverySeconds NaN when the service did not recover (or was never faulted)
     * @param score           the resilience score as a ratio 0–1; empty when nothing was injected
     * @param phaseRatios     mean success ratio of the runs, by phase label (steadyState, during, recovery)
     */
    public record Finished(String id, String scenario, String verdict, Injection injection, double recoverySeconds,
                           OptionalDouble score, Map<String, Double> phaseRatios) {
        public Finished {
            phaseRatios = Map.copyOf(phaseRatios);
        }
    }

    private record Active(String scenario, Instant deadline, boolean faulted) {
    }

    /** The last finished experiment of a scenario, reduced to what its gauges show. */
    private record Last(double recoverySeconds, OptionalDouble score, Map<String, Double> phaseRatios) {
    }

    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private final Map<String, Last> last = new ConcurrentHashMap<>();
    private final Map<List<String>, Long> experiments = new ConcurrentHashMap<>();
    private final Map<List<String>, Long> injections = new ConcurrentHashMap<>();
    private final Map<String, Long> swept = new ConcurrentHashMap<>();
    private volatile long orphansLeft;

    ChaosMetrics() {
    }

    /** An experiment of {@code scenario} started; it must end by {@code deadline} (start plus the maximum duration). */
    public void started(String id, String scenario, Instant deadline) {
        active.put(id, new Active(scenario, deadline, false));
    }

    public void faultsInjected(String id) {
        active.computeIfPresent(id, (k, a) -> new Active(a.scenario(), a.deadline(), true));
    }

    public void faultsRemoved(String id) {
        active.computeIfPresent(id, (k, a) -> new Active(a.scenario(), a.deadline(), false));
    }

    /** The experiment ended: it is no longer active, and it becomes its scenario's last. */
    public void finished(Finished f) {
        active.remove(f.id());
        experiments.merge(List.of(f.scenario(), f.verdict()), 1L, Long::sum);
        injections.merge(List.of(f.scenario(), f.injection().label()), 1L, Long::sum);
        last.put(f.scenario(), new Last(f.recoverySeconds(), f.score(), new TreeMap<>(f.phaseRatios())));
    }

    /** A sweep's outcome: objects removed and those it failed to remove, which stay orphans until the next sweep. */
    public void swept(long removed, long failed) {
        if (removed > 0) {
            swept.merge("removed", removed, Long::sum);
        }
        if (failed > 0) {
            swept.merge("failed", failed, Long::sum);
        }
        orphansLeft = failed;
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(MetricNames.CHAOS_EXPERIMENTS_ACTIVE, MetricNames.CHAOS_FAULT_ACTIVE,
                MetricNames.CHAOS_EXPERIMENT_DEADLINE, inSnapshot(MetricNames.CHAOS_EXPERIMENTS),
                inSnapshot(MetricNames.CHAOS_INJECTIONS), MetricNames.CHAOS_RECOVERY_SECONDS,
                MetricNames.CHAOS_RESILIENCE_SCORE, MetricNames.CHAOS_PHASE_SUCCESS_RATIO,
                inSnapshot(MetricNames.CHAOS_ORPHANS_SWEPT), MetricNames.CHAOS_ORPHANS_LEFT);
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        Map<String, Integer> running = new TreeMap<>();
        Map<String, Integer> faulted = new TreeMap<>();
        Map<String, Instant> deadlines = new TreeMap<>();
        for (Active a : active.values()) {
            running.merge(a.scenario(), 1, Integer::sum);
            faulted.merge(a.scenario(), a.faulted() ? 1 : 0, Math::max);
            deadlines.merge(a.scenario(), a.deadline(), (x, y) -> x.isBefore(y) ? x : y);
        }
        // Every scenario seen in this process keeps its active gauges, at 0 when idle: alerts compare, not test absence.
        last.keySet().forEach(s -> {
            running.putIfAbsent(s, 0);
            faulted.putIfAbsent(s, 0);
        });
        gauges(out, MetricNames.CHAOS_EXPERIMENTS_ACTIVE, "Chaos experiments under way in this process", running);
        gauges(out, MetricNames.CHAOS_FAULT_ACTIVE, "1 while an experiment's faults are in place, else 0", faulted);
        Map<String, Double> deadlineSeconds = new TreeMap<>();
        deadlines.forEach((s, d) -> deadlineSeconds.put(s, d.toEpochMilli() / 1000.0));
        gauges(out, MetricNames.CHAOS_EXPERIMENT_DEADLINE,
                "When the running experiment must have ended: its start plus chaos.maxDuration (Unix time)", deadlineSeconds);
        counters(out, MetricNames.CHAOS_EXPERIMENTS, "Chaos experiments finished, by verdict", experiments,
                "scenario", "verdict");
        counters(out, MetricNames.CHAOS_INJECTIONS, "Chaos experiments by what happened to their faults: injected, "
                + "refused (preflight failed), skipped (steady state not met), failed (injecting broke off)", injections,
                "scenario", "result");
        Map<String, Double> recovery = new TreeMap<>();
        Map<String, Double> score = new TreeMap<>();
        GaugeSnapshot.Builder phases = GaugeSnapshot.builder().name(MetricNames.CHAOS_PHASE_SUCCESS_RATIO)
                .help("Mean success ratio of the last experiment's checklist runs in each phase");
        boolean anyPhase = false;
        for (Map.Entry<String, Last> e : new TreeMap<>(last).entrySet()) {
            recovery.put(e.getKey(), e.getValue().recoverySeconds());
            e.getValue().score().ifPresent(v -> score.put(e.getKey(), v));
            for (Map.Entry<String, Double> p : e.getValue().phaseRatios().entrySet()) {
                phases.dataPoint(point(p.getValue(), "scenario", e.getKey(), "phase", p.getKey()));
                anyPhase = true;
            }
        }
        gauges(out, MetricNames.CHAOS_RECOVERY_SECONDS,
                "Recovery time of the last experiment: fault removed to objectives met again; NaN when it did not recover",
                recovery);
        gauges(out, MetricNames.CHAOS_RESILIENCE_SCORE, "Resilience score of the last experiment that injected a fault, 0 to 1",
                score);
        if (anyPhase) {
            out.add(phases.build());
        }
        if (!swept.isEmpty()) {
            CounterSnapshot.Builder c = CounterSnapshot.builder().name(inSnapshot(MetricNames.CHAOS_ORPHANS_SWEPT))
                    .help("Orphaned chaos objects (their owner is gone) that sweeps removed or failed to remove");
            new TreeMap<>(swept).forEach((result, n) -> c.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .value(n).labels(Labels.of("result", result)).build()));
            out.add(c.build());
        }
        out.add(GaugeSnapshot.builder().name(MetricNames.CHAOS_ORPHANS_LEFT)
                .help("Orphaned chaos objects the last sweep found but could not remove")
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(orphansLeft).build()).build());
        return new MetricSnapshots(out);
    }

    private static void gauges(List<MetricSnapshot> out, String name, String help, Map<String, ? extends Number> byScenario) {
        if (byScenario.isEmpty()) {
            return;
        }
        GaugeSnapshot.Builder g = GaugeSnapshot.builder().name(name).help(help);
        byScenario.forEach((scenario, v) -> g.dataPoint(point(v.doubleValue(), "scenario", scenario)));
        out.add(g.build());
    }

    private static void counters(List<MetricSnapshot> out, String name, String help, Map<List<String>, Long> values,
                                 String... labelNames) {
        if (values.isEmpty()) {
            return;
        }
        CounterSnapshot.Builder c = CounterSnapshot.builder().name(inSnapshot(name)).help(help);
        Map<List<String>, Long> sorted = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        sorted.putAll(values);
        sorted.forEach((labels, n) -> c.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(n)
                .labels(Labels.of(labelNames[0], labels.get(0), labelNames[1], labels.get(1))).build()));
        out.add(c.build());
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot point(double value, String... labels) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build();
    }
}
