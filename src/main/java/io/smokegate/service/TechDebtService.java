package io.smokegate.service;

import io.smokegate.config.TechDebtSettings;
import io.smokegate.kube.KubeClients;
import io.smokegate.metrics.SmokegateMetrics;
import io.smokegate.run.RunIds;
import io.smokegate.run.RunRejectedException;
import io.smokegate.leader.LeaderElection;
import io.smokegate.schedule.Schedule;
import io.smokegate.schedule.Scheduler;
import io.smokegate.store.StoreException;
import io.smokegate.store.TechDebtStore;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.ReleaseVersion;
import io.smokegate.techdebt.ScanTargets;
import io.smokegate.techdebt.SourceResult;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.techdebt.TechDebtJson;
import io.smokegate.techdebt.TechDebtScan;
import io.smokegate.techdebt.TechDebtScanner;
import io.smokegate.techdebt.TechDebtSource;
import io.smokegate.techdebt.ThresholdCrossing;
import io.smokegate.techdebt.Thresholds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tech-debt scans in {@code serve}: on a schedule and on demand, one at a time (a scan asked for while one runs
 * joins it), each on a thread of its own, never the caller's. Every scan is stored and logged; the last one stays in
 * memory for the gauges, which read it when {@code /metrics} is scraped.
 */
public final class TechDebtService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TechDebtService.class.getName());
    private static final String SCHEDULE_NAME = "techdebt";
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    public static final String NOT_CONFIGURED = "tech-debt scans are off: serve scans once techdebt.repos (or "
            + "techdebt.contexts) is configured";

    /** Who asked for a scan. */
    public enum Trigger {
        SCHEDULE, API;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A scan asked for: the one that started, or the running one the request joined ({@code joined}).
     *
     * @param done completes with the scan once it is stored (also when storing failed), or fails when the scan did
     */
    public record Requested(Instant startedAt, Trigger trigger, boolean joined, CompletableFuture<TechDebtScan> done) {
    }

    private record Last(TechDebtScan scan, String document, Duration duration) {
    }

    private final DeprecatedApis table;
    private final List<TechDebtSource> sources;
    private final TechDebtScanner scanner;
    private final ScanTargets targets;
    private final Thresholds thresholds;
    private final TechDebtStore store;
    private final Clock clock;
    private final Scheduler scheduler;
    private final AtomicLong failures = new AtomicLong();
    /** Sources of the running scan that failed as a whole; one scan runs at a time. */
    private final AtomicInteger sourceFailures = new AtomicInteger();
    private volatile Last last;
    private Requested running;
    private boolean closed;

    public TechDebtService(DeprecatedApis table, List<TechDebtSource> sources, ScanTargets targets, Thresholds thresholds,
                           Schedule schedule, TechDebtStore store, Clock clock) {
        this.table = table;
        this.sources = List.copyOf(sources);
        this.scanner = new TechDebtScanner(table, this.sources.stream().map(this::counted).toList(), clock);
        this.targets = targets;
        this.thresholds = thresholds;
        this.store = store;
        this.clock = clock;
        this.scheduler = new Scheduler(() -> Map.of(SCHEDULE_NAME, schedule), name -> fireScheduled(), clock);
    }

    /**
     * The service for {@code serve}'s settings: the bundled table, the configured sources and targets (Kubernetes
     * defaulting to the newest live version of {@code techdebt.contexts}, see {@link TechDebtSources#targets}).
     */
    public static TechDebtService of(TechDebtSettings settings, Supplier<KubeClients> kube, TechDebtStore store, Clock clock) {
        DeprecatedApis table = DeprecatedApis.bundled();
        TargetVersions targets = TargetVersions.newest(table);
        for (Map.Entry<String, ReleaseVersion> t : settings.targetVersions().entrySet()) {
            targets = targets.with(t.getKey(), t.getValue());
        }
        return new TechDebtService(table, TechDebtSources.of(settings, kube), TechDebtSources.targets(settings, targets, kube),
                settings.thresholds(), settings.schedule(), store, clock);
    }

    /** False when no source is configured: nothing is scheduled and scans are refused. */
    public boolean enabled() {
        return !sources.isEmpty();
    }

    /** Starts the schedule, checked every {@code tick}; an {@code every} schedule scans at once. */
    public void start(Duration tick) {
        start(tick, LeaderElection.alwaysLeader());
    }

    /** As {@link #start(Duration)}, scanning on the leader only: replicas share the store, one scan is enough. */
    public void start(Duration tick, LeaderElection leader) {
        if (enabled()) {
            scheduler.start(tick, leader::isLeader);
        }
    }

    /** Scans now, or joins the scan that is running. */
    public Requested scanNow() throws NotFoundException, RunRejectedException {
        if (!enabled()) {
            throw new NotFoundException(NOT_CONFIGURED);
        }
        return request(Trigger.API);
    }

    private Scheduler.Fired fireScheduled() {
        try {
            return request(Trigger.SCHEDULE).joined() ? Scheduler.Fired.SKIPPED_STILL_RUNNING : Scheduler.Fired.STARTED;
        } catch (RunRejectedException e) {
            return Scheduler.Fired.REJECTED;
        }
    }

    private synchronized Requested request(Trigger trigger) throws RunRejectedException {
        if (closed) {
            throw new RunRejectedException("the service is stopping", null);
        }
        if (running != null) {
            return new Requested(running.startedAt(), running.trigger(), true, running.done());
        }
        Requested started = new Requested(clock.instant(), trigger, false, new CompletableFuture<>());
        running = started;
        Thread.ofVirtual().name("techdebt-scan").start(() -> run(started));
        return started;
    }

    private void run(Requested request) {
        TechDebtScan scan = null;
        RuntimeException failure = null;
        try {
            scan = scanAndStore(request.trigger());
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.log(Level.SEVERE, "tech-debt scan failed", e);
            failure = e;
        }
        // Done before completing: whoever waited for this scan and asks again gets a new one, not this one joined.
        synchronized (this) {
            running = null;
        }
        if (failure == null) {
            request.done().complete(scan);
        } else {
            request.done().completeExceptionally(failure);
        }
    }

    private TechDebtScan scanAndStore(Trigger trigger) {
        sourceFailures.set(0);
        Instant start = clock.instant();
        TechDebtScan scan = scanner.scan(targets);
        Duration took = Duration.between(start, clock.instant());
        String document = document(scan);
        boolean failed = sourceFailures.get() > 0;
        try {
            store.save(RunIds.next(), scan, document);
        } catch (StoreException e) {
            failed = true;
            LOG.log(Level.WARNING, "tech-debt scan could not be stored: " + e.getMessage());
        }
        last = new Last(scan, document, took);
        if (failed) {
            failures.incrementAndGet();
        }
        log(trigger, scan, took);
        return scan;
    }

    private void log(Trigger trigger, TechDebtScan scan, Duration took) {
        List<ThresholdCrossing> crossed = thresholds.crossed(scan.figures());
        LOG.log(crossed.isEmpty() ? Level.INFO : Level.WARNING, "tech-debt scan", new Object[] {"trigger=" + trigger.label(),
            "scannedAt=" + scan.scannedAt(), "durationMs=" + took.toMillis(), "partial=" + scan.partial(),
            "skipped=" + scan.skipped().size(), "figures=" + scan.figures(),
            "crossed=" + crossed.stream().map(ThresholdCrossing::describe).toList()});
    }

    /** A source that throws fails the scan partly: the scanner skips it, and the failure is counted here. */
    private TechDebtSource counted(TechDebtSource source) {
        return new TechDebtSource() {
            @Override
            public String name() {
                return source.name();
            }

            @Override
            public SourceResult scan(DeprecatedApis apis, TargetVersions versions) {
                try {
                    return source.scan(apis, versions);
                } catch (RuntimeException e) {
                    sourceFailures.incrementAndGet();
                    LOG.log(Level.WARNING, "tech-debt source " + source.name() + " failed", e);
                    throw e;
                }
            }
        };
    }

    private static String document(TechDebtScan scan) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            TechDebtJson.write(scan, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The latest scan's JSON document as {@code TechDebtJson} wrote it: this process's last, else the newest stored
     * (e.g. before the first scan after a restart). Not found before the first scan ever.
     */
    public String latest() throws StoreException, NotFoundException {
        Last l = last;
        if (l != null) {
            return l.document();
        }
        Optional<TechDebtStore.Stored> stored = store.latest();
        if (stored.isPresent()) {
            return stored.get().document();
        }
        throw new NotFoundException(enabled()
                ? "no tech-debt scan yet: the first is under way or scheduled (POST /api/v1/techdebt/scans runs one now)"
                : NOT_CONFIGURED);
    }

    /** The figures of stored scans from {@code from} to {@code to} (either open when null), the newest {@code limit}. */
    public List<TechDebtStore.Point> figures(Instant from, Instant to, int limit) throws StoreException {
        return store.figures(from, to, limit);
    }

    /** What the gauges show; memory only, as it is read on every scrape. */
    public SmokegateMetrics.TechDebtState gauges() {
        Last l = last;
        return new SmokegateMetrics.TechDebtState(l == null ? null : l.scan(), l == null ? Duration.ZERO : l.duration(),
                failures.get(), thresholds, table);
    }

    /** Stops the schedule and refuses new scans; a running scan gets a few seconds to be stored. */
    @Override
    public void close() {
        scheduler.close();
        CompletableFuture<TechDebtScan> pending;
        synchronized (this) {
            closed = true;
            pending = running == null ? null : running.done();
        }
        if (pending != null) {
            try {
                pending.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.warning("a tech-debt scan still runs at shutdown; it is not stored");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                // Logged by the scan itself.
            }
        }
    }
}
