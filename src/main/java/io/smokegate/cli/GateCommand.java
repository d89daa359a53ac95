package io.smokegate.cli;

import io.smokegate.analysis.AnalysisSpec;
import io.smokegate.check.CheckContext;
import io.smokegate.checklist.Checklist;
import io.smokegate.gate.Gate;
import io.smokegate.gate.GateException;
import io.smokegate.input.Durations;
import io.smokegate.report.TextReport;
import io.smokegate.run.AfterRun;
import io.smokegate.run.RunIds;
import io.smokegate.run.RunReport;
import io.smokegate.slo.GateResult;
import io.smokegate.slo.PrometheusClient;
import io.smokegate.slo.Verdict;
import io.smokegate.store.AcceptedRunStore;
import io.smokegate.store.RunStore;
import io.smokegate.store.StoreException;
import io.smokegate.store.VerdictStore;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {"Run a checklist (or take a stored run) and judge it by its SLO.",
            "Every objective of spec.slo is scored and compared with earlier verdicts; the",
            "verdict is stored and reported."},
        footer = {"", "Exit codes: 0 pass (and warning, unless --fail-on-warning), 1 fail,",
            "2 invalid input, 3 Prometheus or the database unreachable (never a pass).",
            "With --for: 0 Successful, 1 Failed, 3 Error or Inconclusive."})
final class GateCommand implements Callable<Integer> {

    private static final Duration PROMETHEUS_TIMEOUT = Duration.ofSeconds(10);
    /** As long as the longest check may take: a run whose owner died is recorded as aborted well within it. */
    static final Duration RUN_WAIT = Duration.ofMinutes(10);
    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    @Mixin
    ChecklistFile checklistFile;

    @Option(names = "--run-id", paramLabel = "ID", description = "Judge this stored run instead of running the checklist; a run serve is still running is waited for.")
    String runId;

    @Option(names = "--prometheus", paramLabel = "URL", defaultValue = "${env:SMOKEGATE_PROMETHEUS_URL}",
            description = {"Prometheus for promql objectives", "(env SMOKEGATE_PROMETHEUS_URL), e.g.", "http://prometheus:9090"})
    String prometheus;

    @Option(names = "--window", paramLabel = "DURATION",
            description = "Release window that $window stands for in promql objectives (default: spec.slo.window, else 5m).")
    String window;

    @Option(names = "--fail-on-warning", description = "Exit 1 on a warning verdict too (with --for: a warning measurement fails).")
    boolean failOnWarning;

    @Option(names = "--for", paramLabel = "DURATION",
            description = {"Analyse over a window: run and judge the checklist at the end", "of every --interval until DURATION has passed (e.g. 15m)."})
    String forWindow;

    @Option(names = "--interval", paramLabel = "DURATION",
            description = {"With --for: time between measurements; each judges", "the interval just past ($window). Default: 1m."})
    String interval;

    @Option(names = "--failure-limit", paramLabel = "N",
            description = {"With --for: failed measurements tolerated; one more", "fails the analysis at once. Default: 0."})
    Integer failureLimit;

    @Option(names = "--inconclusive-limit", paramLabel = "N",
            description = {"With --for: measurements that cannot be judged (e.g.", "Prometheus lost) tolerated; one more ends it inconclusive. Default: 0."})
    Integer inconclusiveLimit;

    @Mixin
    ReportOptions report;

    @Mixin
    AlsoReports also;

    @Mixin
    StoreOptions store;

    @Mixin
    PushOptions push;

    private final PrintStream out;
    private final PrintStream err;

    GateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (!report.valid(err) || !also.valid(err) || !push.valid(err)) {
            return ExitCode.INVALID;
        }
        if (runId != null && !RunIds.isValid(runId)) {
            err.println("error: --run-id " + runId + ": not a run id (a UUID as `smokegate run` prints it)");
            return ExitCode.INVALID;
        }
        if (forWindow == null && (interval != null || failureLimit != null || inconclusiveLimit != null)) {
            err.println("error: --interval, --failure-limit and --inconclusive-limit need --for (the window to analyse)");
            return ExitCode.INVALID;
        }
        Optional<Duration> releaseWindow = Optional.empty();
        if (window != null) {
            releaseWindow = Durations.parse(window).filter(d -> d.toSeconds() >= 1);
            if (releaseWindow.isEmpty()) {
                err.println("error: --window " + window + ": not a duration of at least 1s; " + Durations.EXAMPLES);
                return ExitCode.INVALID;
            }
        }
        PrometheusClient client = null;
        if (prometheus != null && !prometheus.isBlank()) {
            try {
                client = new PrometheusClient(PrometheusClient.parseUrl(prometheus), PROMETHEUS_TIMEOUT);
            } catch (IllegalArgumentException e) {
                err.println("error: --prometheus " + e.getMessage());
                return ExitCode.INVALID;
            }
        }
        Checklist checklist = checklistFile.load(err);
        if (checklist == null) {
            return ExitCode.INVALID;
        }
        try {
            Gate.requireJudgeable(checklist, client != null);
        } catch (GateException e) {
            err.println("error: " + checklistFile.path() + ": " + e.getMessage());
            return ExitCode.INVALID;
        }
        AnalysisSpec analysis = null;
        if (forWindow != null) {
            analysis = analysisSpec(checklist.name());
            if (analysis == null) {
                return ExitCode.INVALID;
            }
        }
        RunStore runs = null;
        String noDatabase = null;
        try {
            runs = store.open();
        } catch (StoreException e) {
            if (!e.unreachable() || runId != null || analysis != null) {
                err.println("error: " + store.flag() + ": " + e.getMessage()
                        + (runId != null ? " (the run to judge is stored there)" : analysis != null
                        ? " (an analysis stores every measurement)" : " (a gate compares with and stores verdicts)"));
                return e.unreachable() ? ExitCode.UNREACHABLE : ExitCode.INVALID;
            }
            // An outage, not bad input: the checklist still runs, so the report says what is wrong and why no verdict.
            noDatabase = store.flag() + ": " + e.getMessage();
        }
        Gate gate = new Gate(runs == null ? null : new VerdictStore(runs.database()), Clock.systemUTC());
        try {
            if (analysis != null) {
                try (CheckContext context = CheckContext.standalone(store.dataDir)) {
                    return analyse(checklist, analysis, gate, runs, client, context);
                }
            }
            Judge judge = new Judge(checklist, gate, client, releaseWindow.orElse(null));
            if (runId != null) {
                Optional<RunReport> stored = awaitStored(runs, runId);
                if (stored.isEmpty()) {
                    err.println("error: --run-id " + runId + ": no such run in " + runs.database().display());
                    return ExitCode.INVALID;
                }
                return judge.apply(stored.get(), false, null, null);
            }
            RunStore runStore = runs;
            String unusable = noDatabase;
            try (CheckContext context = CheckContext.standalone(store.dataDir)) {
                return ForegroundRun.run(checklist, context, report.progress(out, err),
                        run -> judge.apply(run, true, unusable == null ? runStore : null, unusable));
            }
        } catch (StoreException e) {
            err.println("error: " + store.flag() + ": " + e.getMessage());
            return ExitCode.UNREACHABLE;
        } finally {
            if (runs != null) {
                runs.database().close();
            }
        }
    }

    /** The window to analyse from --for and its companions; null (after saying why) when they are not valid. */
    private AnalysisSpec analysisSpec(String checklistName) {
        if (runId != null || window != null) {
            err.println("error: --for cannot be combined with " + (runId != null ? "--run-id (an analysis runs the checklist"
                    + " at every interval)" : "--window (each measurement judges its own interval)"));
            return null;
        }
        Optional<Duration> total = Durations.parse(forWindow).filter(d -> d.toSeconds() >= 1);
        if (total.isEmpty()) {
            err.println("error: --for " + forWindow + ": not a duration of at least 1s; " + Durations.EXAMPLES);
            return null;
        }
        Optional<Duration> every = interval == null ? Optional.of(DEFAULT_INTERVAL)
                : Durations.parse(interval).filter(d -> d.toSeconds() >= 1);
        if (every.isEmpty()) {
            err.println("error: --interval " + interval + ": not a duration of at least 1s; " + Durations.EXAMPLES);
            return null;
        }
        try {
            return new AnalysisSpec(checklistName, total.get(), every.get(),
                    failureLimit == null ? 0 : failureLimit, inconclusiveLimit == null ? 0 : inconclusiveLimit, failOnWarning);
        } catch (AnalysisSpec.Invalid e) {
            String flag = switch (e.field()) {
                case "for" -> "--for";
                case "interval" -> "--interval" + (interval == null ? " (default " + AnalysisSpec.text(DEFAULT_INTERVAL) + ")" : "");
                case "failureLimit" -> "--failure-limit";
                case "inconclusiveLimit" -> "--inconclusive-limit";
                default -> e.field();
            };
            err.println("error: " + flag + " " + e.problem());
            return null;
        }
    }

    /** Runs the analysis, reports it, and turns its phase into the exit code. */
    private int analyse(Checklist checklist, AnalysisSpec spec, Gate gate, RunStore runs, PrometheusClient client,
                        CheckContext context) {
        Clock clock = Clock.systemUTC();
        WindowedGate windowed = new WindowedGate(checklist, spec, gate, runs, client, push, store.flag(), clock);
        AnalysisProgress progress = report.progressIsReport() ? new AnalysisProgress(out, Terminal.isTerminal(1), clock)
                : report.quiet ? new AnalysisProgress(new PrintStream(OutputStream.nullOutputStream()), false, clock)
                : new AnalysisProgress(err, Terminal.isTerminal(2), clock);
        // Reported inside the run's signal guard: on SIGTERM the JVM waits for the report, not only the analysis.
        return windowed.run(context, progress, err, finished -> {
            int code = switch (finished.phase()) {
                case SUCCESSFUL -> ExitCode.PASSED;
                case FAILED -> ExitCode.FAILED;
                case ERROR, INCONCLUSIVE, RUNNING -> ExitCode.UNREACHABLE;
            };
            if (!WindowedGate.report(report, finished, out, err) | !also.write(finished, err)) {
                code = Math.max(code, ExitCode.UNREACHABLE);
            }
            return PushOptions.exitCode(new AfterRun.Outcome(Optional.empty(), windowed.notPushed()), code, err);
        });
    }

    /** Judges one run, reports and pushes the verdict, and turns it into the exit code. */
    private final class Judge {
        private final Checklist checklist;
        private final Gate gate;
        private final PrometheusClient client;
        private final Duration window;

        Judge(Checklist checklist, Gate gate, PrometheusClient client, Duration window) {
            this.checklist = checklist;
            this.gate = gate;
            this.client = client;
            this.window = window;
        }

        /**
         * Stores (a run just made), judges, reports and pushes one run through the pipeline; the exit code.
         * {@code fresh}: run just now, so its metrics are new. {@code runStore}: where a fresh run is stored, or null.
         * {@code noDatabase}: why the database cannot be used, or null; then the run is reported with an error verdict.
         */
        int apply(RunReport run, boolean fresh, RunStore runStore, String noDatabase) {
            AfterRun.Steps steps = push.addTo(AfterRun.steps(), fresh);
            if (runStore != null) {
                steps.store(runStore::save);
            }
            int[] code = {ExitCode.INVALID};
            AfterRun.Outcome outcome = steps.build().finish(run, notStored -> {
                code[0] = judge(run, fresh, notStored.map(e -> store.flag() + ": the run was not stored: " + e.getMessage())
                        .orElse(noDatabase));
                // A run that cannot be judged (invalid input) is not pushed.
                return code[0] != ExitCode.INVALID;
            });
            return PushOptions.exitCode(outcome, code[0], err);
        }

        /** {@code fresh}: run just now, so as text its lines are already on stdout. */
        private int judge(RunReport run, boolean fresh, String noDatabase) {
            Verdict verdict;
            try {
                verdict = noDatabase != null ? gate.unjudged(checklist, run, noDatabase)
                        : gate.judge(checklist, run, client, window);
            } catch (GateException e) {
                err.println("error: " + checklistFile.path() + ": " + e.getMessage());
                return ExitCode.INVALID;
            } catch (StoreException e) {
                verdict = gate.unjudged(checklist, run, store.flag() + ": " + e.getMessage());
            }
            int code = exitCode(verdict.result());
            if (fresh && report.progressIsReport()) {
                out.print(TextReport.verdict(verdict));
                out.flush();
            } else if (!report.write(run, verdict, out, err)) {
                code = Math.max(code, ExitCode.UNREACHABLE);
            }
            if (!also.write(run, verdict, err)) {
                code = Math.max(code, ExitCode.UNREACHABLE);
            }
            Verdict pushed = verdict;
            push.record(metrics -> {
                checklist.optionalSlo().flatMap(s -> s.availability())
                        .ifPresent(a -> metrics.recordSloObjective(checklist.name(), a));
                Gate.record(metrics, pushed);
            });
            return code;
        }
    }

    private int exitCode(GateResult result) {
        return switch (result) {
            case PASS -> ExitCode.PASSED;
            case WARNING -> failOnWarning ? ExitCode.FAILED : ExitCode.PASSED;
            case FAIL -> ExitCode.FAILED;
            case ERROR -> ExitCode.UNREACHABLE;
        };
    }

    /**
     * The stored run; a run that {@code serve} accepted and has not finished is waited for (a gate right after
     * a deployment often asks before the run is done), at most {@link #RUN_WAIT}.
     */
    private Optional<RunReport> awaitStored(RunStore runs, String id) throws StoreException {
        AcceptedRunStore accepted = new AcceptedRunStore(runs.database());
        long deadline = System.nanoTime() + RUN_WAIT.toNanos();
        boolean told = false;
        while (true) {
            Optional<RunReport> stored = runs.find(id);
            if (stored.isPresent() || accepted.find(id).isEmpty() || System.nanoTime() > deadline) {
                return stored.isPresent() ? stored : runs.find(id);
            }
            if (!told) {
                err.println("waiting for run " + id + " to finish…");
                told = true;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
