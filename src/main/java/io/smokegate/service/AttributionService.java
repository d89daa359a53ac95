package io.smokegate.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.alerts.AlertmanagerPayload;
import io.smokegate.alerts.ReceivedAlert;
import io.smokegate.attribution.AlertInput;
import io.smokegate.attribution.Attribution;
import io.smokegate.attribution.AttributionJson;
import io.smokegate.attribution.Attributor;
import io.smokegate.attribution.ClusterDeployMarkers;
import io.smokegate.attribution.DeployMarker;
import io.smokegate.attribution.Dora;
import io.smokegate.attribution.Repositories;
import io.smokegate.config.AttributionConfig;
import io.smokegate.leader.LeaderElection;
import io.smokegate.metrics.AttributionMetrics;
import io.smokegate.run.RunIds;
import io.smokegate.store.AttributionStore;
import io.smokegate.store.DeploymentStore;
import io.smokegate.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Attributes alerts to commits of the services' repositories and keeps deploy markers and attributions. Each
 * configured local repository is opened once, at start-up, a remote one cloned on first use, and all are closed at
 * shutdown; one that cannot be opened (or fetched) leaves the others working, and attributions of its service fail
 * with the reason. Blocking (JGit, JDBC): call it from worker
 * threads; alerts from the webhook are attributed on virtual threads of its own.
 */
public final class AttributionService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AttributionService.class.getName());
    /** Suspects kept per attribution. */
    static final int TOP = 5;
    /** Deploy markers of one service read per attribution: the newest before the alert, far more than a range needs. */
    static final int MAX_MARKERS = 1000;
    /** Deploy markers and attributions read per DORA answer: a year of several deploys a day. */
    static final int MAX_DORA_ROWS = 10_000;
    /** The period the DORA series cover, ending at each refresh. */
    static final Duration DORA_METRICS_PERIOD = Duration.ofDays(30);
    /** How often the series read from the database are read again (changes made here are read at once). */
    static final Duration METRICS_REFRESH = Duration.ofSeconds(30);
    /** Latest-deploy series exported at most: services and environments are named by whoever posts deploys. */
    static final int MAX_DEPLOY_SERIES = 500;
    /** Attributions whose top suspect is exported as an info series. */
    static final int LATEST_SUSPECTS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A computed attribution and the record stored for its alert occurrence (an earlier one when there was one). */
    public record Attributed(Attribution attribution, AttributionStore.Stored stored) {
    }

    private final AttributionConfig config;
    private final DeploymentStore deployments;
    private final AttributionStore attributions;
    private final Clock clock;
    private final Attributor attributor;
    private final Repositories remotes;
    private final AttributionNotifier notifier;
    private final AttributionMetrics metrics;
    /** A refresh of the series is queued and has not started: more changes need no second one. */
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    /** Per remote service: its clone is opened and fetched by one attribution at a time. */
    private final Map<String, Object> remoteLocks = new ConcurrentHashMap<>();
    /** Deployed commits' times by service and commit id: one entry per deploy, read from the repository once. */
    private final Map<String, Instant> commitTimeCache = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    /** Reads cluster deploy markers and refreshes the series, one task at a time. */
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("attribution-schedule").daemon().factory());
    /** Attributions under way, by alert occurrence: a second webhook for it leaves the work to the first. */
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    /** @param remotes where remote repositories are cloned; they are cloned on first use, not at start-up */
    public AttributionService(AttributionConfig config, Repositories remotes, DeploymentStore deployments,
                              AttributionStore attributions, AttributionMetrics metrics, Clock clock) {
        this.config = config;
        this.remotes = remotes;
        this.deployments = deployments;
        this.attributions = attributions;
        this.metrics = metrics;
        this.clock = clock;
        this.attributor = new Attributor(config.limits(), config.serviceLabels());
        this.notifier = new AttributionNotifier(config.notifications(), config.publicUrl());
        List<AttributionMetrics.ServiceChecklist> watched = new ArrayList<>();
        new TreeMap<>(config.services()).forEach((name, s) -> s.checklists().forEach(c ->
                watched.add(new AttributionMetrics.ServiceChecklist(name, s.environment(), c))));
        metrics.services(new ArrayList<>(new TreeMap<>(config.services()).keySet()), watched);
        config.services().forEach((name, s) -> {
            if (Repositories.isRemote(s.repository())) {
                return;
            }
            try {
                repositories.put(name, Attributor.open(new java.io.File(s.repository())));
            } catch (IOException e) {
                String why = "the repository of service " + name + " cannot be opened: " + e.getMessage()
                        + " (attribution.services." + name + ".repository)";
                unavailable.put(name, why);
                LOG.warning(why);
            }
        });
    }

    public void addDeployment(DeployMarker marker) throws StoreException {
        deployments.add(RunIds.next(), marker, clock.instant());
        refreshSoon();
    }

    /**
     * Records deploy markers read from a cluster, each deploy once however often it is read again
     * ({@link DeploymentStore#addIfAbsent}); returns how many were new.
     */
    public int recordClusterMarkers(List<DeployMarker> markers) throws StoreException {
        int added = 0;
        for (DeployMarker m : markers) {
            if (deployments.addIfAbsent(RunIds.next(), m, clock.instant())) {
                added++;
            }
        }
        if (added > 0) {
            refreshSoon();
        }
        return added;
    }

    /**
     * Reads deploy markers from the clusters now and records the new ones; what could not be read is logged. Returns
     * how many markers were new.
     */
    public int readClusterMarkers(ClusterDeployMarkers reader) throws StoreException {
        ClusterDeployMarkers.Result read = reader.read();
        read.problems().forEach(p -> LOG.warning("cluster deploy markers: " + p));
        return recordClusterMarkers(read.markers());
    }

    /**
     * Reads cluster deploy markers at once and then every {@code attribution.clusterMarkers.every}, on a thread of its
     * own, until {@link #close}; without that setting nothing is scheduled. The reader is made per round, so clients
     * are the current ones.
     */
    public void startClusterMarkers(Supplier<ClusterDeployMarkers> reader) {
        startClusterMarkers(reader, LeaderElection.alwaysLeader());
    }

    /** As {@link #startClusterMarkers(Supplier)}, read by the leader only: one reader records each marker once. */
    public void startClusterMarkers(Supplier<ClusterDeployMarkers> reader, LeaderElection leader) {
        config.clusterMarkers().ifPresent(c -> schedule.scheduleWithFixedDelay(() -> {
            if (!leader.isLeader()) {
                return;
            }
            try {
                int added = readClusterMarkers(reader.get());
                if (added > 0) {
                    LOG.info("cluster deploy markers: " + added + " new");
                }
            } catch (StoreException | RuntimeException e) {
                LOG.log(Level.WARNING, "cannot read or record cluster deploy markers: " + e.getMessage());
            }
        }, 0, c.every().toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Reads the series that come from the database now and then every {@link #METRICS_REFRESH}, until {@link #close}. */
    public void startMetrics() {
        schedule.scheduleWithFixedDelay(this::refreshMetrics, 0, METRICS_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Reads each service's last deploy, the DORA figures of the last {@link #DORA_METRICS_PERIOD} and the latest
     * suspects into the metrics; when the store fails, the series keep what they showed and the failure is logged.
     */
    public void refreshMetrics() {
        Instant now = clock.instant();
        try {
            metrics.update(new AttributionMetrics.Snapshot(deployments.latest(MAX_DEPLOY_SERIES).stream()
                    .map(d -> new AttributionMetrics.LastDeploy(d.service(), d.environment(), d.time())).toList(),
                    dora(null, null, now.minus(DORA_METRICS_PERIOD), now, false), latestSuspects()));
        } catch (StoreException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot refresh the deploy, attribution and DORA series: " + e.getMessage());
        }
    }

    /** Queues a refresh of the series after a change made here, unless one is queued already. */
    private void refreshSoon() {
        if (refreshQueued.compareAndSet(false, true)) {
            try {
                schedule.execute(() -> {
                    // Cleared before reading: a change made while this refresh reads queues the next.
                    refreshQueued.set(false);
                    refreshMetrics();
                });
            } catch (RejectedExecutionException e) {
                refreshQueued.set(false);
            }
        }
    }

    /** The top suspect of each of the latest attributions, newest alert first. */
    private List<AttributionMetrics.Suspect> latestSuspects() throws StoreException {
        List<AttributionMetrics.Suspect> out = new ArrayList<>();
        for (AttributionStore.Stored a : attributions.list(AttributionStore.Query.ALL, LATEST_SUSPECTS)) {
            JsonNode doc;
            try {
                doc = JSON.readTree(a.document());
            } catch (IOException e) {
                doc = JSON.missingNode();
            }
            JsonNode top = doc.path("suspects").path(0);
            out.add(new AttributionMetrics.Suspect(a.id(), a.alertname(), a.fingerprint(), a.service(), a.confidence(),
                    top.path("commit").asText(""), doc.path("deploy").path("commit").asText(""),
                    top.path("pullRequest").path("number").asText("")));
        }
        return out;
    }

    public List<DeploymentStore.Deployment> deployments(DeploymentStore.Query q, int limit) throws StoreException {
        return deployments.list(q, limit);
    }

    public Optional<AttributionStore.Stored> find(String id) throws StoreException {
        return attributions.find(id);
    }

    public List<AttributionStore.Stored> list(AttributionStore.Query q, int limit) throws StoreException {
        return attributions.list(q, limit);
    }

    /**
     * DORA figures over {@code [from, to)}, one per service and environment with deploys in the period (narrowed to
     * {@code service} and {@code environment} when given), from the stored deploy markers and attributions. An
     * attribution counts against the stored deploy it names (service, deploy commit and time); deployed commits' times
     * come from the service's repository, and a commit it does not have (or a service without one) gives that deploy
     * no lead time.
     */
    public List<Dora.Figures> dora(String service, String environment, Instant from, Instant to) throws StoreException {
        return dora(service, environment, from, to, true);
    }

    /**
     * As {@link #dora(String, String, Instant, Instant)}; with {@code mayOpen} false (the periodic metrics refresh)
     * commit times come only from repositories already open, so a refresh never clones or fetches.
     */
    private List<Dora.Figures> dora(String service, String environment, Instant from, Instant to, boolean mayOpen)
            throws StoreException {
        // Markers after the period too: a failed deploy's recovery may end with the next deploy, after `to`.
        List<DeployMarker> markers = deployments.list(new DeploymentStore.Query(service, environment, from, null),
                MAX_DORA_ROWS).stream().map(DeploymentStore.Deployment::marker).toList();
        Map<String, List<DeployMarker>> groups = new TreeMap<>();
        for (DeployMarker m : markers) {
            if (m.time().isBefore(to)) {
                groups.computeIfAbsent(m.service() + "\u0000" + m.environment(), k -> new ArrayList<>()).add(m);
            }
        }
        List<Dora.Figures> out = new ArrayList<>();
        Map<String, List<Dora.AttributedAlert>> alertsByService = new LinkedHashMap<>();
        for (List<DeployMarker> group : groups.values()) {
            String name = group.get(0).service();
            List<Dora.AttributedAlert> alerts = alertsByService.get(name);
            if (alerts == null) {
                alerts = attributedAlerts(name, from, markers);
                alertsByService.put(name, alerts);
            }
            out.add(Dora.compute(name, group.get(0).environment(), from, to, markers, commitTimes(name, group, mayOpen), alerts));
        }
        return out;
    }

    /** The stored attributions of {@code service}'s alerts since {@code from}, each with the stored deploy it blamed. */
    private List<Dora.AttributedAlert> attributedAlerts(String service, Instant from, List<DeployMarker> markers)
            throws StoreException {
        List<Dora.AttributedAlert> out = new ArrayList<>();
        for (AttributionStore.Stored a : attributions.list(new AttributionStore.Query(null, null, service, from, null),
                MAX_DORA_ROWS)) {
            DeployMarker suspect = null;
            try {
                JsonNode deploy = JSON.readTree(a.document()).path("deploy");
                String commit = deploy.path("commit").isTextual() ? deploy.path("commit").asText() : null;
                Instant time = deploy.path("time").isTextual() ? Instant.parse(deploy.path("time").asText()) : null;
                suspect = markers.stream().filter(m -> m.service().equals(service) && m.time().equals(time)
                        && Objects.equals(m.commit(), commit)).findFirst().orElse(null);
            } catch (IOException | RuntimeException e) {
                LOG.warning("attribution " + a.id() + " has an unreadable ranking; it counts against no deploy: "
                        + e.getMessage());
            }
            out.add(new Dora.AttributedAlert(a.fingerprint(), a.startsAt(), a.resolvedAt(), suspect));
        }
        return out;
    }

    /**
     * Commit times of the deployed commits found in the service's repository; none without a usable repository. A
     * commit's time never changes, so each is read once: later calls touch the repository only for new deploys.
     */
    private Map<String, Instant> commitTimes(String service, List<DeployMarker> deploys, boolean mayOpen) {
        AttributionConfig.Service s = config.services().get(service);
        if (s == null) {
            return Map.of();
        }
        Map<String, Instant> out = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (DeployMarker d : deploys) {
            Instant known = d.commit() == null ? null : commitTimeCache.get(service + "\u0000" + d.commit());
            if (known != null) {
                out.put(d.commit(), known);
            } else if (d.commit() != null) {
                unknown.add(d.commit());
            }
        }
        if (unknown.isEmpty()) {
            return out;
        }
        try {
            Repository repo = mayOpen ? repository(service, s) : repositories.get(service);
            if (repo == null) {
                return out;
            }
            try (RevWalk walk = new RevWalk(repo)) {
                for (String commit : unknown) {
                    ObjectId id = repo.resolve(commit + "^{commit}");
                    if (id != null) {
                        Instant time = Instant.ofEpochSecond(walk.parseCommit(id).getCommitTime());
                        commitTimeCache.put(service + "\u0000" + commit, time);
                        out.put(commit, time);
                    }
                }
            }
        } catch (RepositoryUnavailableException | IOException | RuntimeException e) {
            LOG.warning("DORA lead times of service " + service + " are incomplete: " + e.getMessage());
        }
        return out;
    }

    /**
     * Ranks the suspects of {@code alert} now and stores the attribution unless its alert occurrence has one already.
     * An alert of a service without configuration is answered with confidence none and a note, not an error.
     *
     * @throws RepositoryUnavailableException when the service's repository could not be opened
     */
    public Attributed attribute(AlertInput alert) throws StoreException, IOException, RepositoryUnavailableException {
        return attribute(alert, RunIds.next());
    }

    /** As {@link #attribute(AlertInput)}, storing a new record as {@code id}. */
    private Attributed attribute(AlertInput alert, String id) throws StoreException, IOException,
            RepositoryUnavailableException {
        long start = System.nanoTime();
        // Only configured services label the series: an alert may name any service.
        String service = alert.service(config.serviceLabels()).filter(config.services()::containsKey).orElse(null);
        try {
            Attribution a = rank(alert);
            String confidence = a.confidence().name().toLowerCase(java.util.Locale.ROOT);
            AttributionStore.Stored stored = attributions.save(new AttributionStore.Stored(id, fingerprint(alert),
                    alert.startsAt(), alert.alertname(), a.service().orElse(null), confidence, clock.instant(), null, null,
                    AttributionJson.render(a)));
            metrics.attributed(service, confidence, Duration.ofNanos(System.nanoTime() - start));
            refreshSoon();
            return new Attributed(a, stored);
        } catch (StoreException | IOException | RepositoryUnavailableException | RuntimeException e) {
            metrics.failed(service);
            throw e;
        }
    }

    private Attribution rank(AlertInput alert) throws StoreException, IOException, RepositoryUnavailableException {
        Optional<String> service = alert.service(config.serviceLabels());
        if (service.isEmpty()) {
            return none(alert, service, "the alert names no service: it has none of the labels "
                    + String.join(", ", config.serviceLabels()));
        }
        String name = service.get();
        AttributionConfig.Service s = config.services().get(name);
        if (s == null) {
            return none(alert, service, "no mapping: service " + name + " is not in attribution.services, so no "
                    + "repository is known for it");
        }
        Repository repo = repository(name, s);
        List<DeployMarker> markers = deployments.list(new DeploymentStore.Query(name, s.environment(), null,
                alert.startsAt()), MAX_MARKERS).stream().map(DeploymentStore.Deployment::marker).toList();
        return attributor.attribute(repo, alert, markers, s.paths(),
                s.links().isPresent() ? s.links() : Attributor.originLinks(repo), TOP);
    }

    /**
     * The repository of a configured service: a local one as opened at start-up; a remote one from its clone, cloned
     * on first use and fetched when the last fetch is {@code attribution.fetchInterval} old, so an attribution sees
     * the deployed commits without a fetch per alert.
     */
    private Repository repository(String name, AttributionConfig.Service s) throws RepositoryUnavailableException {
        if (!Repositories.isRemote(s.repository())) {
            if (unavailable.containsKey(name)) {
                throw new RepositoryUnavailableException(unavailable.get(name));
            }
            return repositories.get(name);
        }
        synchronized (remoteLocks.computeIfAbsent(name, k -> new Object())) {
            try {
                Repository repo = repositories.get(name);
                if (repo == null) {
                    repo = remotes.open(name, s.repository());
                    repositories.put(name, repo);
                }
                // A clone left by an earlier run is opened without fetching: it is as stale as a fetch long ago.
                Optional<Instant> last = remotes.lastFetched(name);
                if (last.isEmpty() || !last.get().plus(config.fetchInterval()).isAfter(clock.instant())) {
                    remotes.fetch(name, s.repository());
                }
                return repo;
            } catch (Repositories.RepositoryException e) {
                throw new RepositoryUnavailableException(e.getMessage() + " (attribution.services." + name + ".repository)");
            }
        }
    }

    private static Attribution none(AlertInput alert, Optional<String> service, String note) {
        return new Attribution(alert, service, new Attribution.Deploy(Optional.empty(), Optional.empty(), Optional.empty()),
                new Attribution.Window(Optional.empty(), Optional.empty(), 0), List.of(), Attribution.Confidence.NONE, note);
    }

    /**
     * From the webhook, without waiting: each firing alert without an attribution of its occurrence gets one, each
     * resolved alert's attribution its resolution and recovery time. Failures are logged; the webhook has answered.
     */
    public void onNotification(AlertmanagerPayload payload) {
        for (ReceivedAlert alert : payload.alerts()) {
            String key = alert.fingerprint() + "@" + alert.startsAt().toEpochMilli();
            if (alert.status().equals("firing")) {
                CompletableFuture<Void> mine = new CompletableFuture<>();
                if (inFlight.putIfAbsent(key, mine) == null) {
                    background.execute(() -> {
                        try {
                            attributeOnce(alert);
                        } finally {
                            inFlight.remove(key, mine);
                            mine.complete(null);
                        }
                    });
                }
            } else {
                // After an attribution of the same occurrence still under way, so the resolution is not lost.
                CompletableFuture<Void> before = inFlight.getOrDefault(key, CompletableFuture.completedFuture(null));
                before.handleAsync((v, e) -> {
                    resolve(alert);
                    return null;
                }, background);
            }
        }
    }

    private void attributeOnce(ReceivedAlert alert) {
        try {
            if (attributions.find(alert.fingerprint(), alert.startsAt()).isPresent()) {
                return;
            }
            String id = RunIds.next();
            Attributed done = attribute(new AlertInput(alert.alertname(), Optional.of(alert.fingerprint()), alert.startsAt(),
                    alert.labels(), alert.annotations()), id);
            // Only the record stored now: an occurrence attributed before (another instance, a race) was told already.
            if (notifier.enabled() && done.stored().id().equals(id)) {
                notifier.send(done.attribution(), id);
            }
        } catch (StoreException | IOException | RepositoryUnavailableException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot attribute alert " + alert.alertname() + " (" + alert.fingerprint() + "): "
                    + e.getMessage());
        }
    }

    private void resolve(ReceivedAlert alert) {
        try {
            if (attributions.resolve(alert.fingerprint(), alert.startsAt(), alert.endsAt().orElse(clock.instant()))) {
                refreshSoon();
            }
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "cannot record the resolution of alert " + alert.alertname() + " ("
                    + alert.fingerprint() + "): " + e.getMessage());
        }
    }

    /** Alertmanager's fingerprint when the alert has one, else one derived from its sorted labels. */
    static String fingerprint(AlertInput alert) {
        if (alert.fingerprint().isPresent()) {
            return alert.fingerprint().get();
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(alert.labels()).forEach((k, v) -> text.append(k).append('\u0000').append(v).append('\u0000'));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Waits a little for attributions under way, then closes the repositories. */
    @Override
    public void close() {
        schedule.shutdownNow();
        background.shutdown();
        try {
            if (!background.awaitTermination(5, TimeUnit.SECONDS)) {
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            background.shutdownNow();
        }
        repositories.values().forEach(Repository::close);
    }
}
