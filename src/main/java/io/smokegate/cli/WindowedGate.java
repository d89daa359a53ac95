package io.smokegate.cli;

import io.smokegate.analysis.Analysis;
import io.smokegate.analysis.AnalysisException;
import io.smokegate.analysis.AnalysisMeasurement;
import io.smokegate.analysis.AnalysisSpec;
import io.smokegate.analysis.Analyst;
import io.smokegate.check.CheckContext;
import io.smokegate.checklist.Checklist;
import io.smokegate.gate.Gate;
import io.smokegate.gate.GateException;
import io.smokegate.report.AnalysisReport;
import io.smokegate.run.AfterRun;
import io.smokegate.run.RunControl;
import io.smokegate.run.RunIds;
import io.smokegate.run.RunListener;
import io.smokegate.run.RunReport;
import io.smokegate.run.Runner;
import io.smokegate.slo.PrometheusClient;
import io.smokegate.slo.Verdict;
import io.smokegate.store.AnalysisStore;
import io.smokegate.store.RunStore;
import io.smokegate.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;

/**
 * {@code gate --for W --interval I}: the checklist is run and judged at the end of every interval of the window, each
 * verdict over the interval just past, until the analysis' rules end it. Every run and verdict is stored as a single
 * gate's are; Ctrl-C or SIGTERM ends the analysis in Error (never a pass) and still reports what was measured.
 */
final class WindowedGate {


    private final Checklist checklist;
    private final AnalysisSpec spec;
    private final Gate gate;
    private final RunStore runs;
    private final PrometheusClient prometheus;
    private final PushOptions push;
    private final String storeFlag;
    private final Clock clock;
    private final AtomicReference<RunControl> current = new AtomicReference<>();
    private volatile String abortedBy;
    private IOException notPushed;

    WindowedGate(Checklist checklist, AnalysisSpec spec, Gate gate, RunStore runs, PrometheusClient prometheus,
                 PushOptions push, String storeFlag, Clock clock) {
        this.checklist = checklist;
        this.spec = spec;
        this.gate = gate;
        this.runs = runs;
        this.prometheus = prometheus;
        this.push = push;
        this.storeFlag = storeFlag;
        this.clock = clock;
    }

    /**
     * Runs the whole window in the foreground and stores it as {@code serve} stores its analyses, so the API and the
     * dashboards list it too, then hands the finished analysis to {@code report} within the same signal guard; its exit
     * code, or 3 when the analysis could not even be recorded as started.
     */
    int run(CheckContext context, AnalysisProgress progress, PrintStream err, ToIntFunction<Analysis> report) {
        Analysis started = Analysis.started(RunIds.next(), spec, "cli", clock.instant());
        AnalysisStore analyses = new AnalysisStore(runs.database());
        try {
            analyses.start(started, AnalysisStore.CLI_OWNER);
        } catch (StoreException e) {
            err.println("error: " + storeFlag + ": cannot record the analysis: " + e.getMessage());
            return ExitCode.UNREACHABLE;
        }
        progress.started(started);
        Analyst.Listener recorder = new Analyst.Listener() {
            @Override
            public void waiting(Analysis analysis, Instant due) {
                progress.waiting(analysis, due);
            }

            @Override
            public void measured(Analysis analysis, AnalysisMeasurement m) throws AnalysisException {
                try {
                    analyses.addMeasurement(analysis.id(), m);
                } catch (StoreException e) {
                    throw new AnalysisException(storeFlag + ": cannot store measurement " + m.index() + ": " + e.getMessage());
                }
                progress.measured(analysis, m);
            }

            @Override
            public void finished(Analysis analysis) {
                progress.finished(analysis);
                try {
                    analyses.finish(analysis);
                } catch (StoreException e) {
                    err.println("warning: " + storeFlag + ": the end of analysis " + analysis.id() + " was not stored: "
                            + e.getMessage());
                }
            }
        };
        return ForegroundRun.guarded(this::interrupted, ForegroundRun.REPORT_GRACE, () -> report.applyAsInt(new Analyst(clock).run(started,
                (index, window) -> measure(context, index, window), recorder,
                () -> abortedBy != null ? Optional.of(abortedBy) : abortRequested(analyses, started.id()))));
    }

    /** Who aborted the analysis through the API ({@code DELETE /api/v1/analyses/{id}} on a shared database). */
    private Optional<String> abortRequested(AnalysisStore analyses, String id) throws AnalysisException {
        try {
            return analyses.abortRequestedBy(id);
        } catch (StoreException e) {
            throw new AnalysisException(storeFlag + ": cannot read whether the analysis was aborted: " + e.getMessage());
        }
    }

    /** The push that failed, if one did: the analysis still ran, but its series are not all in the Pushgateway. */
    Optional<IOException> notPushed() {
        return Optional.ofNullable(notPushed);
    }

    private void interrupted() {
        abortedBy = "a signal (Ctrl-C or SIGTERM)";
        RunControl control = current.get();
        if (control != null) {
            control.cancel("interrupted by signal");
        }
    }

    private AnalysisMeasurement measure(CheckContext context, int index, Duration window) throws AnalysisException {
        RunControl control = new RunControl();
        current.set(control);
        RunReport run = new Runner(context).run(checklist, RunIds.next(), Analysis.RUN_TRIGGER, RunListener.NONE, control);
        current.set(null);
        Verdict[] verdict = new Verdict[1];
        AnalysisException[] broken = new AnalysisException[1];
        AfterRun.Outcome outcome = push.addTo(AfterRun.steps(), true).store(runs::save).build().finish(run, notStored -> {
            if (notStored.isPresent()) {
                broken[0] = new AnalysisException(storeFlag + ": the run of measurement " + index + " was not stored: "
                        + notStored.get().getMessage());
                return false;
            }
            try {
                verdict[0] = gate.judge(checklist, run, prometheus, window);
            } catch (GateException | StoreException e) {
                broken[0] = new AnalysisException("measurement " + index + " could not be judged: " + e.getMessage());
                return false;
            }
            push.record(metrics -> Gate.record(metrics, verdict[0]));
            return true;
        });
        outcome.notPushed().ifPresent(e -> notPushed = e);
        if (broken[0] != null) {
            throw broken[0];
        }
        return AnalysisMeasurement.of(index, verdict[0]);
    }

    /** Prints the whole analysis in the chosen format where it goes; false when it could not be written. */
    static boolean report(ReportOptions report, Analysis analysis, PrintStream out, PrintStream err) {
        if (report.progressIsReport()) {
            out.print(AnalysisReport.closing(analysis));
            out.flush();
            return true;
        }
        return report.write(stream -> AnalysisReport.write(report.format(), analysis, stream), out, err);
    }
}
