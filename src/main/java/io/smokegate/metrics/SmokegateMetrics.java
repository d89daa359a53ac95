package io.smokegate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Measure;
import io.smokegate.check.Measurement;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunStatus;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.TechDebtScan;
import io.smokegate.techdebt.Thresholds;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns finished runs into Prometheus series. Checks never touch metrics; they return measurements and
 * this class names them. Series of checks that disappeared from a checklist are removed on its next run,
 * so renamed checks do not linger as stale failures.
 */
public final class SmokegateMetrics {

    private static final Duration[] CHECK_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60)};
    private static final Duration[] RUN_BUCKETS = {
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300), Duration.ofSeconds(600)};

    private final PrometheusMeterRegistry registry;
    private Counter runsRejected;
    private Counter storeErrors;
    private ChaosMetrics chaos;
    private AnalysisMetrics analyses;
    private AttributionMetrics attribution;
    private final Map<GaugeKey, Value> gauges = new ConcurrentHashMap<>();
    /** Meters per checklist and check id, to drop those of checks that no longer exist. */
    private final Map<String, Map<String, List<Meter>>> checkMeters = new ConcurrentHashMap<>();

    private record GaugeKey(String name, Tags tags) {
    }

    /** Holder a gauge reads; the registry would only keep a weak reference to it. */
    private static final class Value {
        volatile double value = Double.NaN;
        Gauge gauge;
    }

    public SmokegateMetrics(String version) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Gauge.builder("smokegate.build.info", () -> 1).tag("version", version)
                .description("Version of smokegate (value 1)").register(registry);
    }

    /** Adds JVM and process metrics; for the long-running service, not for one-shot CLI pushes. */
    public SmokegateMetrics withJvmMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return this;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The current series in the Prometheus text format ({@link PrometheusText#CONTENT_TYPE}). */
    public byte[] scrape() {
        return PrometheusText.write(registry.getPrometheusRegistry().scrape());
    }

    /** Records every series of a finished run. */
    public void record(RunReport report) {
        Tags checklist = Tags.of("checklist", report.checklist());
        // Every status starts at zero, so error ratios exist before the first failure.
        for (RunStatus status : RunStatus.values()) {
            Counter counter = Counter.builder("smokegate.runs").tags(checklist).tag("status", status.label())
                    .description("Finished runs by result").register(registry);
            if (status == report.status()) {
                counter.increment();
            }
        }
        Timer.builder("smokegate.run.duration").tags(checklist).serviceLevelObjectives(RUN_BUCKETS)
                .description("Wall time of whole runs").register(registry).record(report.duration());
        set("smokegate.run.last.timestamp.seconds", checklist, "End of the last finished run (Unix time)",
                report.startedAt().plus(report.duration()).toEpochMilli() / 1000.0);
        set("smokegate.run.success", checklist, "1 if the last run passed, else 0",
                report.status() == RunStatus.PASSED ? 1 : 0);
        set("smokegate.run.success.ratio", checklist, "Passed share of the judged checks of the last run",
                report.successRatio());

        Map<String, List<Meter>> byCheck = checkMeters.computeIfAbsent(report.checklist(), k -> new ConcurrentHashMap<>());
        Set<String> current = report.checks().stream().map(CheckResult::id).collect(Collectors.toSet());
        byCheck.keySet().stream().filter(id -> !current.contains(id)).toList()
                .forEach(gone -> byCheck.remove(gone).forEach(this::remove));
        for (CheckResult c : report.checks()) {
            List<Meter> meters = byCheck.computeIfAbsent(c.id(), k -> new ArrayList<>());
            synchronized (meters) {
                record(report.checklist(), c, meters);
            }
        }
    }

    private void record(String checklist, CheckResult c, List<Meter> meters) {
        Tags tags = Tags.of(Tag.of("checklist", checklist), Tag.of("check", c.id()), Tag.of("type", c.type()));
        remember(meters, set("smokegate.check.success", tags, "1 if the check passed in the last run, else 0",
                c.passed() ? 1 : 0));
        if (c.status() != CheckStatus.SKIPPED) {
            Timer timer = Timer.builder("smokegate.check.duration").tags(tags).serviceLevelObjectives(CHECK_BUCKETS)
                    .description("Duration of checks, retries included").register(registry);
            timer.record(c.duration());
            remember(meters, timer);
        }
        for (Measurement m : c.measurements()) {
            Tags measureTags = tags;
            for (int i = 0; i < m.labelValues().size(); i++) {
                measureTags = measureTags.and(m.measure().labelNames().get(i), m.labelValues().get(i));
            }
            remember(meters, set("smokegate." + m.measure().metricSuffix().replace('_', '.'), measureTags,
                    m.measure().help(), m.value()));
        }
    }

    /** The availability objective a checklist declares, so shipped burn-rate rules can read it per checklist. */
    public void recordSloObjective(String checklist, double objective) {
        set("smokegate.slo.objective.ratio", Tags.of("checklist", checklist),
                "Availability objective of the checklist's SLO (share of runs that must pass)", objective);
    }

    /** Records a gate verdict: one series per possible verdict, 1 on the current one. */
    public void recordGate(String checklist, String verdict, List<String> verdicts, double scoreRatio, Instant at) {
        Tags tags = Tags.of("checklist", checklist);
        for (String v : verdicts) {
            Counter counter = Counter.builder("smokegate.gates").tags(tags).tag("verdict", v)
                    .description("Gate evaluations by verdict").register(registry);
            if (v.equals(verdict)) {
                counter.increment();
            }
            set("smokegate.gate.verdict", tags.and("verdict", v), "1 on the verdict of the last gate, else 0",
                    v.equals(verdict) ? 1 : 0);
        }
        set("smokegate.gate.score.ratio", tags, "Score of the last gate (0-1)", scoreRatio);
        set("smokegate.gate.last.timestamp.seconds", tags, "Time of the last gate evaluation (Unix time)",
                at.toEpochMilli() / 1000.0);
    }

    /** Counts alerts received from Alertmanager; status is firing or resolved. */
    public void alertsReceived(String status, int count) {
        Counter.builder("smokegate.alerts.received").tag("status", status)
                .description("Alerts received from Alertmanager's webhook").register(registry).increment(count);
    }

    /** Queue gauges of the service; read on every scrape. */
    public void watchQueue(IntSupplier queued, IntSupplier running) {
        Gauge.builder("smokegate.run.queue.depth", queued::getAsInt).description("Runs waiting for a worker").register(registry);
        Gauge.builder("smokegate.runs.in.progress", running::getAsInt).description("Runs executing now").register(registry);
        runsRejected = Counter.builder("smokegate.runs.rejected")
                .description("Runs refused because the queue was full or the service stopping").register(registry);
        storeErrors = Counter.builder("smokegate.store.errors").description("Failed writes of run results").register(registry);
    }

    /** {@code smokegate_leader}: 1 while this replica runs the scheduled work, 0 on the others. Read at every scrape. */
    public void watchLeader(java.util.function.BooleanSupplier leader) {
        Gauge.builder("smokegate.leader", () -> leader.getAsBoolean() ? 1 : 0)
                .description("1 if this replica is the leader that runs scheduled work, else 0").register(registry);
    }

    /**
     * The tech-debt series, read from {@code state} at every scrape: the last scan's figures, deprecated-API objects
     * by table row, thresholds crossed, its time and duration, and failed scans. {@code state} runs on the scraping
     * thread: it must only read memory.
     *
     * @param lastScan     the last scan, null before the first
     * @param lastDuration how long it took
     * @param failures     failed scans since the service started
     */
    public void watchTechDebt(Supplier<TechDebtState> state) {
        registry.getPrometheusRegistry().register(new TechDebtCollector(state));
    }

    /**
     * The chaos series of this process: registered on first use, so a CLI push without experiments has none.
     * Experiments, their listener and sweeps feed it; it is read at every scrape.
     */
    public synchronized ChaosMetrics chaos() {
        if (chaos == null) {
            chaos = new ChaosMetrics();
            registry.getPrometheusRegistry().register(chaos);
        }
        return chaos;
    }

    /**
     * The analysis series of this process, registered on first use: the analysis service feeds it as analyses start,
     * measure and end; it is read at every scrape.
     */
    public synchronized AnalysisMetrics analyses() {
        if (analyses == null) {
            analyses = new AnalysisMetrics();
            registry.getPrometheusRegistry().register(analyses);
        }
        return analyses;
    }

    /**
     * The attribution and DORA series of this process, registered on first use: the attribution service counts into
     * it and refreshes what it read from the database; it is read at every scrape.
     */
    public synchronized AttributionMetrics attribution() {
        if (attribution == null) {
            attribution = new AttributionMetrics();
            registry.getPrometheusRegistry().register(attribution);
        }
        return attribution;
    }

    /** What the tech-debt series show; see {@link #watchTechDebt}. */
    public record TechDebtState(TechDebtScan lastScan, Duration lastDuration, long failures, Thresholds thresholds,
                                DeprecatedApis table) {
    }

    public void runRejected() {
        runsRejected.increment();
    }

    public void storeError() {
        storeErrors.increment();
    }

    public void scheduleSkipped(String checklist) {
        Counter.builder("smokegate.schedule.skipped").tag("checklist", checklist)
                .description("Scheduled runs skipped because the previous run had not finished").register(registry).increment();
    }

    private Meter set(String name, Tags tags, String help, double value) {
        Value holder = gauges.computeIfAbsent(new GaugeKey(name, tags), key -> {
            Value v = new Value();
            v.gauge = Gauge.builder(name, v, h -> h.value).tags(tags).description(help).register(registry);
            return v;
        });
        holder.value = value;
        return holder.gauge;
    }

    private static void remember(List<Meter> meters, Meter meter) {
        if (!meters.contains(meter)) {
            meters.add(meter);
        }
    }

    private void remove(Meter meter) {
        registry.remove(meter);
        gauges.values().removeIf(v -> v.gauge == meter);
    }
}
