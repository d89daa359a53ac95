package io.smokegate.gate;

import io.smokegate.checklist.Checklist;
import io.smokegate.metrics.SmokegateMetrics;
import io.smokegate.report.VerdictJson;
import io.smokegate.run.RunIds;
import io.smokegate.run.RunReport;
import io.smokegate.slo.Evaluation;
import io.smokegate.slo.Evaluator;
import io.smokegate.slo.GateResult;
import io.smokegate.slo.History;
import io.smokegate.slo.Indicator;
import io.smokegate.slo.Objective;
import io.smokegate.slo.PrometheusClient;
import io.smokegate.slo.PrometheusException;
import io.smokegate.slo.PromqlTemplate;
import io.smokegate.slo.SliValue;
import io.smokegate.slo.SloSpec;
import io.smokegate.slo.Verdict;
import io.smokegate.store.StoreException;
import io.smokegate.store.VerdictStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Judges a finished run by its checklist's SLO: collects every objective's value (from the run, or
 * from Prometheus at the run's end over the release window), compares with earlier verdicts, scores,
 * and stores the verdict. A Prometheus that cannot be asked yields an ERROR verdict, never a pass.
 * Blocking (JDBC, HTTP): call it off the event loop.
 */
public final class Gate {

    /** Ends the message of every ERROR verdict, so no reader mistakes it for a judgement. */
    static final String NOTHING_JUDGED = "; nothing was judged (no score)";

    /** Queries in flight at once against one Prometheus. */
    private static final int PARALLEL_QUERIES = 8;

    private final VerdictStore verdicts;
    private final Clock clock;

    public Gate(VerdictStore verdicts, Clock clock) {
        this.verdicts = verdicts;
        this.clock = clock;
    }

    /** The checklist's SLO, if it can be judged with or without a Prometheus; checked before running anything. */
    public static SloSpec requireJudgeable(Checklist checklist, boolean prometheusConfigured) throws GateException {
        SloSpec spec = checklist.optionalSlo().orElseThrow(() -> new GateException("checklist '" + checklist.name()
                + "' declares no SLO; add spec.slo.objectives to gate on it"));
        List<String> promql = spec.objectives().stream().filter(o -> o.indicator() instanceof Indicator.Promql)
                .map(Objective::name).toList();
        if (!promql.isEmpty() && !prometheusConfigured) {
            throw new GateException("objective" + (promql.size() > 1 ? "s " : " ") + String.join(", ", promql)
                    + " of checklist '" + checklist.name() + "' use promql: give --prometheus URL (prometheus.url in the"
                    + " service config)");
        }
        return spec;
    }

    /**
     * @param prometheus null when none is configured
     * @param window     overrides the SLO's release window; null keeps it
     */
    public Verdict judge(Checklist checklist, RunReport run, PrometheusClient prometheus, Duration window)
            throws GateException, StoreException {
        SloSpec spec = requireJudgeable(checklist, prometheus != null);
        if (!run.checklist().equals(checklist.name())) {
            throw new GateException("run " + run.runId() + " is of checklist '" + run.checklist() + "', not '"
                    + checklist.name() + "'");
        }
        Instant now = clock.instant();
        History history = verdicts.history(checklist.name(), spec.comparison().include().admitted(),
                spec.comparison().results(), now);
        Evaluation evaluation = evaluate(spec, checklist.name(), run, prometheus, window, history);
        Verdict verdict = new Verdict(RunIds.next(), checklist.name(), run.runId(), now, spec, evaluation);
        verdicts.save(verdict, VerdictJson.document(verdict));
        return verdict;
    }

    /**
     * Evaluates {@code spec} on one run: values from the run itself and from Prometheus at the run's end over
     * {@code window} (null: the SLO's own); ERROR when Prometheus could not be asked. Stores nothing.
     *
     * @param prometheus null when none is configured (then {@code spec} must have no PromQL objective)
     * @throws GateException when a PromQL objective is not a valid query
     */
    public static Evaluation evaluate(SloSpec spec, String checklist, RunReport run, PrometheusClient prometheus,
                                      Duration window, History history) throws GateException {
        Map<String, SliValue> values = new LinkedHashMap<>();
        for (Objective o : spec.objectives()) {
            if (o.indicator() instanceof Indicator.Run r) {
                values.put(o.name(), r.sli().value(run.checks(), run.duration(), r.selector()));
            }
        }
        String unreachable = query(spec, checklist, prometheus, window == null ? spec.window() : window,
                run.startedAt().plus(run.duration()), values);
        Evaluation evaluation = Evaluator.evaluate(spec, values, history);
        if (unreachable != null) {
            evaluation = new Evaluation(GateResult.ERROR, 0, evaluation.achievable(), evaluation.objectives(),
                    evaluation.comparedEvaluations(), unreachable + NOTHING_JUDGED);
        }
        return evaluation;
    }

    /**
     * The ERROR verdict on a run that could not be judged because the database (earlier verdicts, and where
     * the verdict goes) could not be used; not stored, so the run is still reported with why there is no verdict.
     */
    public Verdict unjudged(Checklist checklist, RunReport run, String why) {
        SloSpec spec = checklist.optionalSlo().orElseThrow(); // callers checked requireJudgeable before running
        Evaluation evaluation = new Evaluation(GateResult.ERROR, 0, 0, List.of(), 0,
                why.strip().replaceFirst("\\.$", "") + NOTHING_JUDGED);
        return new Verdict(RunIds.next(), checklist.name(), run.runId(), clock.instant(), spec, evaluation);
    }

    /** Exports a verdict: its result among every possible one, its score (NaN for an error: none) and when. */
    public static void record(SmokegateMetrics metrics, Verdict verdict) {
        metrics.recordGate(verdict.checklist(), verdict.result().label(),
                Arrays.stream(GateResult.values()).map(GateResult::label).toList(),
                verdict.evaluation().judgedScore().orElse(Double.NaN) / 100, verdict.evaluatedAt());
    }

    /** Fills in the PromQL objectives' values; returns why Prometheus could not be asked, or null. */
    private static String query(SloSpec spec, String checklist, PrometheusClient prometheus, Duration window, Instant at,
                                Map<String, SliValue> values) throws GateException {
        List<Objective> promql = spec.objectives().stream().filter(o -> o.indicator() instanceof Indicator.Promql).toList();
        if (promql.isEmpty()) {
            return null;
        }
        Semaphore slots = new Semaphore(PARALLEL_QUERIES);
        List<Future<SliValue>> answers = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Objective o : promql) {
                String expression = PromqlTemplate.expand(((Indicator.Promql) o.indicator()).expression(), window, checklist);
                answers.add(executor.submit(() -> {
                    slots.acquire();
                    try {
                        return prometheus.query(expression, at);
                    } finally {
                        slots.release();
                    }
                }));
            }
            String unreachable = null;
            for (int i = 0; i < promql.size(); i++) {
                Objective o = promql.get(i);
                try {
                    values.put(o.name(), answers.get(i).get());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof PrometheusException p)) {
                        throw new IllegalStateException("querying Prometheus", e.getCause());
                    }
                    if (p.kind() == PrometheusException.Kind.BAD_QUERY) {
                        throw new GateException("objective " + o.name() + ": " + p.getMessage());
                    }
                    unreachable = unreachable == null ? p.getMessage() : unreachable;
                    values.put(o.name(), new SliValue.Missing("Prometheus could not be asked: " + p.getMessage()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while querying Prometheus", e);
                }
            }
            return unreachable;
        }
    }
}
