package io.smokegate.metrics;

import static io.smokegate.metrics.MetricNames.inSnapshot;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.smokegate.analysis.AnalysisMeasurement;
import io.smokegate.analysis.AnalysisPhase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The analysis series, made from what this process counted each time {@code /metrics} is scraped: analyses under way
 * and finished analyses and measurements by phase. Once a checklist had an analysis here, every phase and outcome of it
 * has a series (at 0 until it happens), so rules compare with {@code increase()} instead of testing for absence.
 * Labels are bounded: checklist names and the fixed phase labels, never analysis ids.
 */
public final class AnalysisMetrics implements MultiCollector {

    private static final List<AnalysisPhase> ENDS = Arrays.stream(AnalysisPhase.values()).filter(AnalysisPhase::finished)
            .toList();

    /** Running analyses by id, with their checklist. */
    private final Map<String, String> running = new ConcurrentHashMap<>();
    private final Set<String> checklists = ConcurrentHashMap.newKeySet();
    private final Map<List<String>, Long> finished = new ConcurrentHashMap<>();
    private final Map<List<String>, Long> measurements = new ConcurrentHashMap<>();

    AnalysisMetrics() {
    }

    /** An analysis of {@code checklist} runs in this process. */
    public void started(String id, String checklist) {
        checklists.add(checklist);
        running.put(id, checklist);
    }

    public void measured(String checklist, AnalysisMeasurement.Outcome outcome) {
        checklists.add(checklist);
        measurements.merge(List.of(checklist, outcome.label()), 1L, Long::sum);
    }

    /** An analysis ended in {@code phase}: here, or (recovered at start-up) on a replica that died. */
    public void finished(String id, String checklist, AnalysisPhase phase) {
        checklists.add(checklist);
        running.remove(id);
        finished.merge(List.of(checklist, phase.label()), 1L, Long::sum);
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(inSnapshot(MetricNames.ANALYSES), MetricNames.ANALYSES_RUNNING,
                inSnapshot(MetricNames.ANALYSIS_MEASUREMENTS));
    }

    @Override
    public MetricSnapshots collect() {
        List<String> seen = List.copyOf(new TreeSet<>(checklists));
        if (seen.isEmpty()) {
            return new MetricSnapshots(List.of());
        }
        List<MetricSnapshot> out = new ArrayList<>();
        CounterSnapshot.Builder ended = CounterSnapshot.builder().name(inSnapshot(MetricNames.ANALYSES))
                .help("Analyses over a window that ended, by phase (Successful, Failed, Error, Inconclusive)");
        CounterSnapshot.Builder measured = CounterSnapshot.builder().name(inSnapshot(MetricNames.ANALYSIS_MEASUREMENTS))
                .help("Measurements of analyses, by outcome (Successful, Failed, Error)");
        GaugeSnapshot.Builder under = GaugeSnapshot.builder().name(MetricNames.ANALYSES_RUNNING)
                .help("Analyses over a window running in this process");
        for (String checklist : seen) {
            for (AnalysisPhase phase : ENDS) {
                ended.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .value(finished.getOrDefault(List.of(checklist, phase.label()), 0L))
                        .labels(Labels.of("checklist", checklist, "phase", phase.label())).build());
            }
            for (AnalysisMeasurement.Outcome outcome : AnalysisMeasurement.Outcome.values()) {
                measured.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .value(measurements.getOrDefault(List.of(checklist, outcome.label()), 0L))
                        .labels(Labels.of("checklist", checklist, "phase", outcome.label())).build());
            }
            under.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .value(running.values().stream().filter(checklist::equals).count())
                    .labels(Labels.of("checklist", checklist)).build());
        }
        out.add(ended.build());
        out.add(under.build());
        out.add(measured.build());
        return new MetricSnapshots(out);
    }
}
