package io.smokegate.server;

import io.smokegate.alerts.AlertReceiver;
import io.smokegate.attribution.ClusterDeployMarkers;
import io.smokegate.attribution.Repositories;
import io.smokegate.chaos.ChaosMesh;
import io.smokegate.chaos.ChaosScenarioLoader;
import io.smokegate.check.CheckContext;
import io.smokegate.check.CheckRegistry;
import io.smokegate.check.kube.Clusters;
import io.smokegate.checklist.ChecklistCatalog;
import io.smokegate.checklist.ChecklistLoader;
import io.smokegate.config.AppConfig;
import io.smokegate.config.ChaosConfig;
import io.smokegate.config.LeaderElectionConfig;
import io.smokegate.input.SafeYaml;
import io.smokegate.gate.Gate;
import io.smokegate.kube.KubeClients;
import io.smokegate.kube.KubeEnvironment;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeSettings;
import io.smokegate.kube.ListLimits;
import io.smokegate.leader.LeaderElection;
import io.smokegate.leader.LeaseLeaderElection;
import io.smokegate.leader.PostgresLeaderElection;
import io.smokegate.metrics.SmokegateMetrics;
import io.smokegate.report.JsonReport;
import io.smokegate.run.AfterRun;
import io.smokegate.run.RunQueue;
import io.smokegate.run.Runner;
import io.smokegate.schedule.Scheduler;
import io.smokegate.service.AnalysisService;
import io.smokegate.service.AttributionService;
import io.smokegate.service.AuditTrail;
import io.smokegate.service.ChaosService;
import io.smokegate.service.GateService;
import io.smokegate.service.RunLedger;
import io.smokegate.service.ReadinessService;
import io.smokegate.service.RunService;
import io.smokegate.service.ScheduleService;
import io.smokegate.service.TechDebtService;
import io.smokegate.slo.PrometheusClient;
import io.smokegate.store.AcceptedRunStore;
import io.smokegate.store.AnalysisStore;
import io.smokegate.store.AlertStore;
import io.smokegate.store.AttributionStore;
import io.smokegate.store.AuditStore;
import io.smokegate.store.DeploymentStore;
import io.smokegate.store.Database;
import io.smokegate.store.ExperimentStore;
import io.smokegate.store.RunStore;
import io.smokegate.store.ScheduleStore;
import io.smokegate.store.StoreException;
import io.smokegate.store.TechDebtStore;
import io.smokegate.store.VerdictStore;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code smokegate serve}: every component constructed and connected here, and stopped in reverse. */
public final class ServerApp implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ServerApp.class.getName());
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration PROMETHEUS_TIMEOUT = Duration.ofSeconds(10);
    /** One clone or fetch of a service's remote repository; an attribution waits for it. */
    private static final Duration REPOSITORY_TIMEOUT = Duration.ofSeconds(30);

    private final AppConfig config;
    private final Vertx vertx;
    private final Database database;
    private final RunLedger ledger;
    private final CheckContext checks;
    private final AfterRun afterRun;
    private final RunQueue queue;
    private final Scheduler scheduler;
    private final TechDebtService techdebt;
    private final ChaosService chaos;
    private final AttributionService attribution;
    private final AnalysisService analyses;
    private final ApiServer api;
    private final SmokegateMetrics metrics;
    private final LeaderElection leader;
    private final int port;

    private ServerApp(AppConfig config, Function<String, String> env, String version) throws StoreException {
        this.config = config;
        this.metrics = new SmokegateMetrics(version).withJvmMetrics();
        // The pool's hikaricp_* series go to the same registry as smokegate's.
        this.database = Database.open(config.dataDir(), config.databaseUrl(), config.databaseUser(), config.databasePassword(),
                Database.PoolSettings.forRuns(config.maxConcurrentRuns()), metrics.registry());
        this.vertx = Vertx.vertx();
        ChecklistCatalog catalog = new ChecklistCatalog(config.checklistsDir(), new ChecklistLoader(CheckRegistry.standard(), env));
        RunStore runStore = new RunStore(database, CheckRegistry.standard());
        this.ledger = RunLedger.forThisProcess(new AcceptedRunStore(database), Clock.systemUTC());
        try {
            // Before the queue takes new runs: runs a dead predecessor accepted are stored as aborted first.
            ledger.start();
        } catch (StoreException e) {
            ledger.close();
            database.close();
            throw e;
        }
        AuditTrail audit = new AuditTrail(new AuditStore(database), Clock.systemUTC());
        // Finished runs flow pipeline <- queue <- services: each part exists before the one that hands it work.
        this.afterRun = AfterRun.steps()
                .metrics(metrics::record)
                .store(runStore::save, AfterRun.Retry.SERVICE, metrics::storeError)
                .log(JsonReport::compact)
                .build();
        this.checks = CheckContext.shared(config.dataDir(), vertx).with(KubeSettings.class, config.kubernetes());
        this.leader = election(config, ledger.self().id(), () -> Clusters.of(checks).cluster());
        metrics.watchLeader(leader::isLeader);
        this.queue = new RunQueue(new Runner(checks), ledger, afterRun, config.maxConcurrentRuns(), config.queueCapacity());
        metrics.watchQueue(queue::queued, queue::running);
        RunService runs = new RunService(catalog, queue, afterRun, runStore, ledger, audit, metrics);
        ScheduleService schedules = new ScheduleService(catalog, runs, new ScheduleStore(database), audit, metrics);
        PrometheusClient prometheus = config.prometheusUrl() == null ? null
                : new PrometheusClient(URI.create(config.prometheusUrl()), PROMETHEUS_TIMEOUT);
        VerdictStore verdicts = new VerdictStore(database);
        GateService gates = new GateService(runs, verdicts, new Gate(verdicts, Clock.systemUTC()), prometheus, metrics, audit);
        this.analyses = new AnalysisService(gates, new AnalysisStore(database), audit, metrics.analyses(), ledger.self().id(),
                ledger::replicaAlive, Clock.systemUTC());
        // After the ledger forgot the dead replicas: their running analyses end in Error before the API shows them.
        analyses.recover();
        // Local repositories opened once, here; one that cannot be opened is logged and its service's attributions fail.
        // Remote ones are cloned into dataDir/repos on first use.
        this.attribution = new AttributionService(config.attribution(), new Repositories(new Repositories.Settings(
                config.dataDir(), null, REPOSITORY_TIMEOUT), Clock.systemUTC()), new DeploymentStore(database),
                new AttributionStore(database), metrics.attribution(), Clock.systemUTC());
        config.attribution().clusterMarkers().ifPresent(c -> attribution.startClusterMarkers(() -> {
            KubeClients kube = Clusters.of(checks);
            List<KubeCluster> clusters = c.contexts().isEmpty() ? List.of(kube.cluster())
                    : c.contexts().stream().map(kube::cluster).toList();
            return new ClusterDeployMarkers(clusters, new ClusterDeployMarkers.Settings(c.namespaces(), c.environment(),
                    EnumSet.allOf(ClusterDeployMarkers.Kind.class), ListLimits.DEFAULT));
        }, leader));
        AlertReceiver alerts = new AlertReceiver(new AlertStore(database), metrics, Clock.systemUTC(),
                attribution::onNotification);
        // A new leader continues each schedule from its last run on any replica: a take-over neither repeats a tick
        // nor, when quick, loses one.
        this.scheduler = new Scheduler(schedules::effectiveSchedules, schedules::fireScheduled, Clock.systemUTC(),
                checklist -> ledger.lastStart(checklist, ScheduleService.TRIGGER));
        this.techdebt = TechDebtService.of(config.techdebt(), () -> Clusters.of(checks), new TechDebtStore(database), Clock.systemUTC());
        metrics.watchTechDebt(techdebt::gauges);
        ChaosConfig chaosConfig = config.chaos();
        // Each checklist run of an experiment is stored, counted and logged like any other run.
        this.chaos = new ChaosService(chaosConfig, new ChaosScenarioLoader(catalog, new SafeYaml()),
                () -> new ChaosMesh(Clusters.of(checks).cluster(chaosConfig.kubeContext()), ChaosService.settings(chaosConfig)),
                checks, prometheus, afterRun::accept, new ExperimentStore(database), audit, metrics.chaos(),
                ledger.self().id(), ledger::replicaAlive, Clock.systemUTC());
        this.api = new ApiServer(vertx, runs, schedules, new ReadinessService(database, catalog, leader::isLeader), gates, alerts, audit,
                scheduler, techdebt, chaos, attribution, analyses, metrics, config.auth(), config.maxRequestBytes(), config.connections());
        try {
            this.port = api.listen(config.host(), config.port()).toCompletionStage().toCompletableFuture().join();
        } catch (java.util.concurrent.CompletionException e) {
            leader.close();
            analyses.close();
            queue.shutdown(Duration.ZERO);
            afterRun.close();
            ledger.close();
            checks.close();
            attribution.close();
            vertx.close();
            database.close();
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
        // Scheduled work runs on the leader only; every replica answers the API. Elected before the schedulers start,
        // so a lone replica fires its schedules at once as before.
        leader.start();
        scheduler.start(TICK, leader::isLeader);
        techdebt.start(TICK, leader);
        // After the store is ready and the API listens: the sweep runs in the background, a slow cluster delays nothing.
        chaos.start(TICK, leader);
        attribution.startMetrics();
        BearerAuth.startupWarnings(config.auth(), config.host()).forEach(LOG::warning);
        LOG.log(Level.INFO, "smokegate serving", new Object[] {"port=" + port, "checklists=" + config.checklistsDir(),
            "database=" + database.display(), "version=" + version, "maxConnections=" + api.maxConnections(),
            "techdebt=" + (techdebt.enabled() ? config.techdebt().schedule().describe() : "off"),
            "chaos=" + config.chaos(), "attribution=" + config.attribution(), "leaderElection=" + leader.describe(),
            "leader=" + leader.isLeader()});
    }

    /**
     * Starts everything; fails with nothing left running if the database cannot be opened (StoreException)
     * or the address cannot be bound (IllegalStateException).
     */
    public static ServerApp start(AppConfig config, Function<String, String> env, String version) throws StoreException {
        return new ServerApp(config, env, version);
    }

    /** The election {@code config.leaderElection()} asks for (auto: see LeaderElectionConfig#effectiveMode). */
    static LeaderElection election(AppConfig config, String replicaId, Supplier<KubeCluster> cluster) {
        LeaderElectionConfig c = config.leaderElection();
        return switch (c.effectiveMode(KubeEnvironment.system().inCluster(), config.databaseUrl())) {
            case LEASE -> new LeaseLeaderElection(cluster, c, replicaId);
            case POSTGRES -> new PostgresLeaderElection(config.databaseUrl(), config.databaseUser(), config.databasePassword(),
                    c.retryPeriod());
            case NONE, AUTO -> LeaderElection.alwaysLeader();
        };
    }

    public int port() {
        return port;
    }

    public SmokegateMetrics metrics() {
        return metrics;
    }

    ApiServer api() {
        return api;
    }

    CheckContext checks() {
        return checks;
    }

    ChaosService chaos() {
        return chaos;
    }

    /**
     * Graceful stop: readiness fails and no new runs are accepted; running runs get the configured grace
     * and are then cancelled; every run ends up stored (as aborted if it had to be cut short).
     */
    @Override
    public void close() {
        LOG.info("smokegate stopping");
        // First, while the cluster clients, the store and the run pipeline still work: running experiments are
        // aborted and their faults removed before anything else stops.
        chaos.close();
        // Running analyses end in Error while the store works; their runs in the queue drain below.
        analyses.close();
        // Scans stop before the database closes: one under way gets a few seconds to be stored.
        techdebt.close();
        scheduler.close();
        // Scheduled work has stopped here: giving leadership up lets another replica take over at once.
        leader.close();
        // While runs drain, the API keeps answering: readiness says "stopping" and new runs get 503.
        api.markStopping();
        queue.shutdown(config.shutdownGrace());
        // Runs whose store is being retried get their last attempt; only then may the ledger let go of them.
        afterRun.close();
        ledger.close();
        // After the queue: no check runs any more that could use a shared client.
        checks.close();
        // Attributions under way get a few seconds to be stored; then the repositories close.
        attribution.close();
        try {
            api.stop(5).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "HTTP server did not stop cleanly", e);
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Vert.x did not close cleanly", e);
        }
        database.close();
        LOG.info("smokegate stopped");
    }
}
