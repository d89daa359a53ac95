package io.smokegate.run;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens to a finished run, written once for the {@code run} and {@code gate} commands and the service's
 * queue: its metrics are recorded, it is stored, a log line says it finished, and its metrics are pushed to a
 * Pushgateway. Each caller picks its steps ({@link #steps()}); they are small interfaces, so this package stays
 * below the store, the metrics and the report writers that implement them.
 *
 * <p>A store that fails is tried again later, never on the caller's thread: a queue worker hands the run over
 * and takes the next one at once. Until the run is stored, {@link #unstored} answers for it; the database keeps
 * its accepted-run record (the save that replaces it never committed), so if every attempt fails the run is
 * recorded as aborted at the next start, and its full report is in the log.
 */
public final class AfterRun implements RunQueue.Sink, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AfterRun.class.getName());

    /** Saves a finished run; throws, with a message that says why, when it could not. */
    @FunctionalInterface
    public interface Store {
        void save(RunReport report) throws Exception;
    }

    /** Publishes metrics recorded for the run; throws, with a message that names where to, when it could not. */
    @FunctionalInterface
    public interface Push {
        void push(RunReport report) throws IOException;
    }

    /**
     * How often a failed save is tried in all, and the wait before the next try (times the tries so far).
     * {@link #ONCE} reports the failure to the caller; more attempts retry off the caller's thread.
     */
    public record Retry(int attempts, Duration backoff) {
        public static final Retry ONCE = new Retry(1, Duration.ZERO);
        /**
         * The service's: six tries, 1, 2, 3, 4 and 5 s apart. With the PostgreSQL pool's 5 s wait for a connection
         * in each, a finished run outlasts a database away for about 45 s (a restart, a failover).
         */
        public static final Retry SERVICE = new Retry(6, Duration.ofSeconds(1));

        public Retry {
            if (attempts < 1) {
                throw new IllegalArgumentException("a store needs at least one attempt");
            }
        }
    }

    /**
     * What did not work for one run; a step the caller did not configure did not fail.
     * @param notStored why the first attempt to store failed (later attempts may still succeed when retrying)
     * @param notPushed why the push failed
     */
    public record Outcome(Optional<Exception> notStored, Optional<IOException> notPushed) {
    }

    private final Consumer<RunReport> metrics;
    private final Store store;
    private final Retry retry;
    private final Runnable storeFailed;
    private final Function<RunReport, String> logReport;
    private final Push push;
    private final Map<String, RunReport> unstored = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor retries;
    private volatile boolean closing;

    private AfterRun(Steps s) {
        this.metrics = s.metrics;
        this.store = s.store;
        this.retry = s.retry;
        this.storeFailed = s.storeFailed;
        this.logReport = s.logReport;
        this.push = s.push;
        if (retry.attempts() > 1) {
            retries = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("run-store-retry").factory());
            // At close the pending runs get their last attempt at once instead of waiting for their turn.
            retries.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        } else {
            retries = null;
        }
    }

    /** A pipeline with no steps yet. */
    public static Steps steps() {
        return new Steps();
    }

    /** The steps a caller picks; each at most once, always done in the order metrics, store, log, push. */
    public static final class Steps {
        private Consumer<RunReport> metrics;
        private Store store;
        private Retry retry = Retry.ONCE;
        private Runnable storeFailed = () -> { };
        private Function<RunReport, String> logReport;
        private Push push;

        private Steps() {
        }

        /** Records the run's metrics (in the service's registry, or in the one a command pushes). */
        public Steps metrics(Consumer<RunReport> record) {
            this.metrics = record;
            return this;
        }

        /** Stores the run, trying {@code retry.attempts()} times; {@code failed} counts every failed attempt. */
        public Steps store(Store save, Retry retry, Runnable failed) {
            this.store = save;
            this.retry = retry;
            this.storeFailed = failed;
            return this;
        }

        /** Stores the run once; the caller learns of a failure from the {@link Outcome}. */
        public Steps store(Store save) {
            return store(save, Retry.ONCE, () -> { });
        }

        /**
         * Logs each stored run, and the full report ({@code asText}) of one that could not be stored after the
         * last attempt: the last resort so its result survives.
         */
        public Steps log(Function<RunReport, String> asText) {
            this.logReport = asText;
            return this;
        }

        /** Pushes the run's metrics after everything else. */
        public Steps push(Push publish) {
            this.push = publish;
            return this;
        }

        public AfterRun build() {
            return new AfterRun(this);
        }
    }

    /** The queue's hand-over: every step; returns as soon as the first store attempt is done. */
    @Override
    public void accept(RunReport report) {
        finish(report, notStored -> true);
    }

    /** Every step once, in order; what failed. */
    public Outcome finish(RunReport report) {
        return finish(report, notStored -> true);
    }

    /**
     * Every step once, in order, with {@code afterStore} between the store and the log: it learns whether the
     * first attempt failed (the gate judges there, so that the push carries the verdict) and returns whether
     * to go on; when not, the steps after it are left out.
     */
    public Outcome finish(RunReport report, Predicate<Optional<Exception>> afterStore) {
        if (metrics != null) {
            metrics.accept(report);
        }
        Optional<Exception> notStored = store == null ? Optional.empty() : store(report, 1);
        if (!afterStore.test(notStored)) {
            return new Outcome(notStored, Optional.empty());
        }
        if (store == null && logReport != null) {
            logFinished(report);
        }
        Optional<IOException> notPushed = Optional.empty();
        if (push != null) {
            try {
                push.push(report);
            } catch (IOException e) {
                notPushed = Optional.of(e);
            }
        }
        return new Outcome(notStored, notPushed);
    }

    /** A finished run whose store is still being retried. */
    public Optional<RunReport> unstored(String runId) {
        return Optional.ofNullable(unstored.get(runId));
    }

    /** One attempt; a failure that has attempts left is handed to the retry thread and the run kept in view. */
    private Optional<Exception> store(RunReport report, int attempt) {
        try {
            store.save(report);
        } catch (Exception e) {
            storeFailed.run();
            if (attempt < retry.attempts() && !closing) {
                unstored.put(report.runId(), report);
                try {
                    retries.schedule(() -> store(report, attempt + 1), retry.backoff().toMillis() * attempt,
                            TimeUnit.MILLISECONDS);
                    return Optional.of(e);
                } catch (RejectedExecutionException closed) {
                    // Closing began meanwhile: close() gives the run its last attempt.
                    return Optional.of(e);
                }
            }
            unstored.remove(report.runId());
            if (logReport != null) {
                LOG.log(Level.SEVERE, "run could not be stored; full report follows", new Object[] {
                    "runId=" + report.runId(), "error=" + e.getMessage(), "report=" + logReport.apply(report)});
            }
            return Optional.of(e);
        }
        // Stored first, then out of the map: a reader finds the run in one of the two at every moment.
        unstored.remove(report.runId());
        if (logReport != null) {
            logFinished(report);
        }
        return Optional.empty();
    }

    private static void logFinished(RunReport report) {
        LOG.log(Level.INFO, "run finished", new Object[] {"runId=" + report.runId(), "checklist=" + report.checklist(),
            "status=" + report.status().label(), "trigger=" + report.trigger(), "durationMs=" + report.duration().toMillis()});
    }

    /**
     * Call after the queue has drained: every run still waiting for a retry gets its last attempt now, on this
     * thread (within the shutdown, not after it); what still fails is logged in full.
     */
    @Override
    public void close() {
        closing = true;
        if (retries == null) {
            return;
        }
        retries.shutdown();
        try {
            // A retry already under way finishes (it sees closing and makes itself the last attempt).
            if (!retries.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warning("a store retry still runs 30 s into the shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (RunReport report : unstored.values()) {
            store(report, retry.attempts());
        }
    }
}
