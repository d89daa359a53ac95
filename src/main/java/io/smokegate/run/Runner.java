package io.smokegate.run;

import io.smokegate.check.CheckContext;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Deadline;
import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.check.Severity;
import io.smokegate.checklist.CheckSpec;
import io.smokegate.checklist.Checklist;
import io.smokegate.checklist.Redactor;
import io.smokegate.input.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a checklist: every check on its own virtual thread, at most {@code concurrency} probing at once,
 * each after the checks it needs; per-attempt deadlines, bounded retries with jittered exponential
 * backoff, cancellation that interrupts whatever is in flight. Secrets are redacted from every result
 * before anyone sees it.
 */
public final class Runner {

    private static final Logger LOG = Logger.getLogger(Runner.class.getName());
    /** Time a check gets beyond its own deadline to report before the runner stops waiting for it. */
    private static final Duration GRACE = Duration.ofMillis(250);
    static final Duration BACKOFF_BASE = Duration.ofMillis(200);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(5);
    /**
     * Detail key and value that mark a security failure in reports and the store, as documented for JSON consumers;
     * the runner itself goes by {@link CheckResult#severity()}.
     */
    public static final String SEVERITY = "severity";
    public static final String SECURITY = "security";

    private final CheckContext context;

    public Runner(CheckContext context) {
        this.context = context;
    }

    public RunReport run(Checklist checklist, String runId, String trigger, RunListener progress, RunControl control) {
        // A listener that throws must not break the run (or leave a check's future unfinished).
        RunListener listener = RunListener.all(progress);
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        listener.runStarted(runId, checklist);
        Semaphore slots = new Semaphore(checklist.concurrency());
        Map<String, CompletableFuture<CheckResult>> futures = new HashMap<>();
        List<CompletableFuture<CheckResult>> ordered = new ArrayList<>();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Execution execution = new Execution(checklist.redactor(), listener, control, slots, executor);
            for (CheckSpec spec : checklist.checks()) {
                ordered.add(schedule(spec, checklist, futures, execution));
            }
            CompletableFuture.allOf(ordered.toArray(CompletableFuture[]::new)).join();
        } finally {
            // Attempts abandoned at their deadline may still be unwinding; they are interrupted, not awaited.
            executor.shutdownNow();
        }
        List<CheckResult> results = ordered.stream().map(CompletableFuture::join).toList();
        RunReport report = new RunReport(runId, checklist.name(), checklist.labels(),
                RunStatus.of(results, control.isCancelled()), trigger, startedAt,
                Duration.ofNanos(System.nanoTime() - start), results);
        listener.runFinished(report);
        return report;
    }

    /** The future of {@code spec}'s result, created after those of the checks it needs (needs are acyclic). */
    private CompletableFuture<CheckResult> schedule(CheckSpec spec, Checklist checklist,
                                                    Map<String, CompletableFuture<CheckResult>> futures,
                                                    Execution execution) {
        CompletableFuture<CheckResult> existing = futures.get(spec.id());
        if (existing != null) {
            return existing;
        }
        List<CompletableFuture<CheckResult>> needs = new ArrayList<>();
        for (String need : spec.needs()) {
            needs.add(schedule(checklist.check(need).orElseThrow(), checklist, futures, execution));
        }
        CompletableFuture<CheckResult> future = CompletableFuture.allOf(needs.toArray(CompletableFuture[]::new))
                .thenApplyAsync(ignored -> execution.execute(spec, needs.stream().map(CompletableFuture::join).toList()),
                        execution.executor);
        futures.put(spec.id(), future);
        return future;
    }

    /** Everything one run's checks share while executing. */
    private final class Execution {
        final Redactor redactor;
        final RunListener listener;
        final RunControl control;
        final Semaphore slots;
        final ExecutorService executor;

        Execution(Redactor redactor, RunListener listener, RunControl control, Semaphore slots, ExecutorService executor) {
            this.redactor = redactor;
            this.listener = listener;
            this.control = control;
            this.slots = slots;
            this.executor = executor;
        }

        CheckResult execute(CheckSpec spec, List<CheckResult> needs) {
            Instant startedAt = Instant.now();
            for (CheckResult need : needs) {
                if (!need.passed()) {
                    return finish(skipped(spec, startedAt, "needs " + need.id() + ", which " + need.status().label()));
                }
            }
            if (!control.enter()) {
                return finish(skipped(spec, startedAt, "run cancelled before this check started"));
            }
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                control.exit();
                return finish(skipped(spec, startedAt, "run cancelled before this check started"));
            }
            try {
                // A slot freed by a cancelled check can be taken before this thread is interrupted.
                if (control.isCancelled()) {
                    return finish(skipped(spec, startedAt, "run cancelled before this check started"));
                }
                listener.checkStarted(spec);
                return finish(attempts(spec));
            } finally {
                slots.release();
                control.exit();
            }
        }

        private CheckResult attempts(CheckSpec spec) {
            Instant startedAt = Instant.now();
            long start = System.nanoTime();
            List<String> earlier = new ArrayList<>();
            for (int attempt = 1; ; attempt++) {
                Attempt result = attempt(spec);
                boolean retry = result.status == CheckStatus.FAILED && result.severity != Severity.SECURITY
                        && attempt <= spec.retries()
                        && !control.isCancelled();
                if (!retry) {
                    Map<String, Object> details = new LinkedHashMap<>(result.details);
                    if (!earlier.isEmpty()) {
                        details.put("earlierAttempts", earlier);
                    }
                    return new CheckResult(spec.id(), spec.type(), result.status, startedAt,
                            Duration.ofNanos(System.nanoTime() - start), result.message, details,
                            result.probe == null ? List.of() : result.probe.measurements(), attempt, spec.weight(),
                            result.severity);
                }
                earlier.add(result.message);
                Duration backoff = backoff(attempt);
                listener.checkRetrying(spec, attempt, redactor.redact(result.message), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private record Attempt(CheckStatus status, String message, Map<String, Object> details, Probe probe,
                               Severity severity) {
            Attempt(CheckStatus status, String message) {
                this(status, message, Map.of(), null, Severity.NORMAL);
            }
        }

        private Attempt attempt(CheckSpec spec) {
            if (control.isCancelled() || Thread.currentThread().isInterrupted()) {
                return new Attempt(CheckStatus.ERROR, "cancelled: " + control.cancelReason());
            }
            Probe probe = new Probe(Deadline.after(spec.timeout()), context);
            long start = System.nanoTime();
            Future<Outcome> running = executor.submit(() -> spec.check().run(probe));
            try {
                Outcome outcome = running.get(spec.timeout().plus(GRACE).toNanos(), TimeUnit.NANOSECONDS);
                if (outcome == null) {
                    return new Attempt(CheckStatus.ERROR, "internal error in " + spec.type() + " check: it returned no outcome");
                }
                Severity severity = outcome instanceof Outcome.Failed failed && failed.security()
                        ? Severity.SECURITY : Severity.NORMAL;
                if (severity == Severity.SECURITY) {
                    probe.detail(SEVERITY, SECURITY);
                }
                CheckStatus status = outcome instanceof Outcome.Passed ? CheckStatus.PASSED : CheckStatus.FAILED;
                return new Attempt(status, outcome.message(), probe.details(), probe, severity);
            } catch (TimeoutException e) {
                running.cancel(true);
                return new Attempt(CheckStatus.FAILED, "timed out after " + Durations.format(spec.timeout()));
            } catch (InterruptedException e) {
                running.cancel(true);
                return new Attempt(CheckStatus.ERROR, "cancelled after " + (System.nanoTime() - start) / 1_000_000
                        + " ms: " + control.cancelReason());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof InterruptedException && control.isCancelled()) {
                    return new Attempt(CheckStatus.ERROR, "cancelled: " + control.cancelReason());
                }
                LOG.log(Level.WARNING, "check " + spec.id() + " (" + spec.type() + ") threw",
                        redactor.isEmpty() ? cause : new RedactedThrowable(cause, redactor, 0));
                return new Attempt(CheckStatus.ERROR, "internal error in " + spec.type() + " check: "
                        + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            }
        }

        private CheckResult skipped(CheckSpec spec, Instant at, String why) {
            return new CheckResult(spec.id(), spec.type(), CheckStatus.SKIPPED, at, Duration.ZERO, why, Map.of(),
                    List.of(), 0, spec.weight());
        }

        private CheckResult finish(CheckResult raw) {
            CheckResult result = redactor.isEmpty() ? raw
                    : raw.withText(redactor.redact(raw.message()), redactor.redactMap(raw.details()));
            listener.checkFinished(result);
            return result;
        }
    }

    /** A copy of a throwable chain for logs: the same stack traces, with secrets masked in every message. */
    private static final class RedactedThrowable extends Exception {
        RedactedThrowable(Throwable original, Redactor redactor, int depth) {
            super(redactor.redact(original.toString()), original.getCause() == null || depth >= 16 ? null
                    : new RedactedThrowable(original.getCause(), redactor, depth + 1), false, true);
            setStackTrace(original.getStackTrace());
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /** 200 ms, 400 ms, 800 ms … capped at 5 s, each with ±20 % jitter so retries of many checks spread out. */
    static Duration backoff(int failedAttempt) {
        long base = Math.min(BACKOFF_MAX.toMillis(), BACKOFF_BASE.toMillis() << Math.min(failedAttempt - 1, 10));
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.round(base * jitter));
    }
}
