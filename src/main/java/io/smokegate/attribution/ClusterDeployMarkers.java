package io.smokegate.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.smokegate.kube.KubeApiException;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeException;
import io.smokegate.kube.ListLimits;
import io.smokegate.kube.ResourceRef;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deploy markers read from Kubernetes, where the deploy tools leave them (reference, section 4):
 * <ul>
 *   <li>Argo CD {@code Application}: each {@code status.history[]} entry (appended only after a successful full
 *       sync; {@code revision} at {@code deployedAt}), and {@code status.sync.revision} when Synced and not yet in
 *       the history, dated by the sync operation that reached it;</li>
 *   <li>Flux {@code Kustomization}: each {@code status.history[]} entry that was applied ({@code
 *       ReconciliationSucceeded} or {@code HealthCheckFailed}) at {@code firstReconciled}, else
 *       {@code status.lastAppliedRevision} dated by the Ready condition; revisions in RFC-0005 form
 *       ({@code main@sha1:<sha>}) or the older {@code main/<sha>};</li>
 *   <li>Flux {@code HelmRelease}: each {@code status.history[]} snapshot not failed, at {@code firstDeployed}, else
 *       {@code status.lastAppliedRevision}/{@code lastAttemptedRevision}; a chart version is no commit, so these
 *       markers carry it as {@code version};</li>
 *   <li>ReplicaSets: one marker per rollout ({@code deployment.kubernetes.io/revision}) at its creation, the images
 *       of its template as {@code version}; a commit only when an annotation ending in {@code /revision} or
 *       {@code /commit}, the {@code app.kubernetes.io/version} label, or {@code kubernetes.io/change-cause}
 *       names one.</li>
 * </ul>
 * Service names: the Application, Kustomization or HelmRelease name; for a ReplicaSet its owning Deployment, else its
 * {@code app.kubernetes.io/name} label. Environment: the configured one, else the namespace deployed to (Argo CD
 * {@code spec.destination.namespace}, Flux {@code spec.targetNamespace}, else the object's namespace).
 *
 * <p>Blocking (Kubernetes calls): run on a worker thread. A resource the cluster does not serve (Argo CD or Flux
 * not installed) is no problem; other failures are reported in {@link Result#problems()} and the rest is kept.
 */
public final class ClusterDeployMarkers {

    public static final ResourceRef APPLICATIONS = ResourceRef.namespaced("argoproj.io", "v1alpha1", "applications");
    public static final ResourceRef KUSTOMIZATIONS = ResourceRef.namespaced("kustomize.toolkit.fluxcd.io", "v1", "kustomizations");
    public static final ResourceRef HELM_RELEASES = ResourceRef.namespaced("helm.toolkit.fluxcd.io", "v2", "helmreleases");
    public static final ResourceRef REPLICA_SETS = ResourceRef.namespaced("apps", "v1", "replicasets");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEX_COMMIT = Pattern.compile("[0-9a-f]{7,64}");
    private static final Pattern FULL_SHA = Pattern.compile("\\b([0-9a-f]{40})\\b");
    private static final Pattern NAMED_COMMIT = Pattern.compile("(?i)\\b(?:commit|sha|revision)[ :=@]+([0-9a-f]{7,40})\\b");
    private static final Set<String> APPLIED_FLUX_STATUSES = Set.of("ReconciliationSucceeded", "HealthCheckFailed");

    /** The kinds of object markers are read from. */
    public enum Kind { ARGOCD, FLUX, REPLICASETS }

    /**
     * @param namespaces  the namespaces to read; empty: all namespaces
     * @param environment the environment of every marker; null: the namespace deployed to
     */
    public record Settings(List<String> namespaces, String environment, Set<Kind> kinds, ListLimits limits) {
        public Settings {
            namespaces = List.copyOf(namespaces);
            kinds = kinds.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(kinds));
        }

        public static Settings defaults() {
            return new Settings(List.of(), null, EnumSet.allOf(Kind.class), ListLimits.DEFAULT);
        }
    }

    /**
     * Markers oldest first; per service the repository path its manifests come from (Argo CD {@code spec.source.path},
     * Flux {@code spec.path}, a Git-sourced HelmRelease's chart path), for the service's default paths; what could
     * not be read.
     */
    public record Result(List<DeployMarker> markers, Map<String, String> sourcePaths, List<String> problems) {
        public Result {
            markers = List.copyOf(markers);
            sourcePaths = Collections.unmodifiableMap(new LinkedHashMap<>(sourcePaths));
            problems = List.copyOf(problems);
        }
    }

    private final List<KubeCluster> clusters;
    private final Settings settings;

    public ClusterDeployMarkers(List<KubeCluster> clusters, Settings settings) {
        this.clusters = List.copyOf(clusters);
        this.settings = settings;
    }

    /** Reads every cluster; blocking. */
    public Result read() {
        List<DeployMarker> markers = new ArrayList<>();
        Map<String, String> paths = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (KubeCluster cluster : clusters) {
            String where = clusters.size() > 1 ? "context '" + cluster.context() + "': " : "";
            if (settings.kinds().contains(Kind.ARGOCD)) {
                list(cluster, where, APPLICATIONS, "Argo CD Applications", problems, o -> application(o, markers, paths));
            }
            if (settings.kinds().contains(Kind.FLUX)) {
                list(cluster, where, KUSTOMIZATIONS, "Flux Kustomizations", problems, o -> kustomization(o, markers, paths));
                list(cluster, where, HELM_RELEASES, "Flux HelmReleases", problems, o -> helmRelease(o, markers, paths));
            }
            if (settings.kinds().contains(Kind.REPLICASETS)) {
                list(cluster, where, REPLICA_SETS, "ReplicaSets", problems, o -> replicaSet(o, markers));
            }
        }
        markers.sort(Comparator.comparing(DeployMarker::time).thenComparing(DeployMarker::service));
        return new Result(markers, paths, problems);
    }

    private interface Reader {
        void read(JsonNode object);
    }

    private void list(KubeCluster cluster, String where, ResourceRef resource, String what, List<String> problems,
                      Reader reader) {
        List<String> scopes = settings.namespaces().isEmpty() ? Collections.singletonList(null) : settings.namespaces();
        for (String ns : scopes) {
            try {
                for (GenericKubernetesResource object : cluster.list(resource, ns, null, settings.limits()).items()) {
                    reader.read(JSON.valueToTree(object));
                }
            } catch (KubeApiException e) {
                if (e.status() != 404) { // 404: the tool is not installed, so it deployed nothing
                    problems.add(where + what + " not read: " + e.getMessage());
                }
            } catch (KubeException e) {
                problems.add(where + what + " not read: " + e.getMessage());
            } catch (CancellationException e) {
                problems.add(where + "cancelled while listing " + what);
                return;
            }
        }
    }

    // ---- Argo CD ----------------------------------------------------------------------------------------------

    /** The markers of one Argo CD Application (as JSON); its source path goes to {@code paths}. */
    void application(JsonNode app, List<DeployMarker> markers, Map<String, String> paths) {
        String name = app.path("metadata").path("name").asText();
        String origin = "argocd Application " + app.path("metadata").path("namespace").asText() + "/" + name;
        JsonNode spec = app.path("spec");
        String env = environment(spec.path("destination").path("namespace").asText(""), app);
        JsonNode source = spec.path("source").isObject() ? spec.path("source") : spec.path("sources").path(0);
        putPath(paths, name, source.path("path").asText(""));
        List<String> seen = new ArrayList<>();
        for (JsonNode entry : app.path("status").path("history")) {
            String revision = firstRevision(entry);
            Instant time = time(entry.path("deployedAt"));
            if (revision.isEmpty() || time == null) {
                continue;
            }
            seen.add(revision);
            JsonNode entrySource = entry.path("source").isObject() ? entry.path("source") : entry.path("sources").path(0);
            String repo = entrySource.path("repoURL").asText(source.path("repoURL").asText(""));
            markers.add(revisionMarker(name, env, repo, revision, time, origin + " history #" + entry.path("id").asText()));
        }
        JsonNode sync = app.path("status").path("sync");
        String revision = firstRevision(sync);
        JsonNode operation = app.path("status").path("operationState");
        // The sync revision is only what is deployed when Synced; it is dated by the operation that reached it.
        if (!revision.isEmpty() && !seen.contains(revision) && "Synced".equals(sync.path("status").asText())
                && revision.equals(firstRevision(operation.path("syncResult")))
                && "Succeeded".equals(operation.path("phase").asText())) {
            Instant time = time(operation.path("finishedAt"));
            if (time != null) {
                markers.add(revisionMarker(name, env, source.path("repoURL").asText(""), revision, time,
                        origin + " status.sync.revision"));
            }
        }
    }

    private static String firstRevision(JsonNode node) {
        String revision = node.path("revision").asText("");
        return revision.isEmpty() ? node.path("revisions").path(0).asText("") : revision;
    }

    /** A Git SHA is the commit; anything else (a chart version of a Helm-repository source) is a version. */
    private static DeployMarker revisionMarker(String service, String env, String repo, String revision, Instant time,
                                               String origin) {
        String lower = revision.toLowerCase(Locale.ROOT);
        return HEX_COMMIT.matcher(lower).matches()
                ? new DeployMarker(service, env, repo, lower, time, null, origin)
                : new DeployMarker(service, env, repo, null, time, revision, origin);
    }

    // ---- Flux -------------------------------------------------------------------------------------------------

    /** The markers of one Flux Kustomization (as JSON); its {@code spec.path} goes to {@code paths}. */
    void kustomization(JsonNode k, List<DeployMarker> markers, Map<String, String> paths) {
        String name = k.path("metadata").path("name").asText();
        String origin = "flux Kustomization " + k.path("metadata").path("namespace").asText() + "/" + name;
        JsonNode spec = k.path("spec");
        String env = environment(spec.path("targetNamespace").asText(""), k);
        String repo = spec.path("sourceRef").path("name").asText("");
        putPath(paths, name, spec.path("path").asText(""));
        JsonNode status = k.path("status");
        JsonNode history = status.path("history");
        if (history.isArray() && !history.isEmpty()) {
            for (JsonNode entry : history) {
                String revision = entry.path("metadata").path("revision").asText("");
                Instant time = time(entry.path("firstReconciled"));
                if (!revision.isEmpty() && time != null
                        && APPLIED_FLUX_STATUSES.contains(entry.path("lastReconciledStatus").asText())) {
                    markers.add(fluxMarker(name, env, repo, revision, time, origin + " history"));
                }
            }
            return;
        }
        String applied = status.path("lastAppliedRevision").asText("");
        Instant time = readySince(status);
        if (!applied.isEmpty() && time != null) {
            markers.add(fluxMarker(name, env, repo, applied, time, origin + " status.lastAppliedRevision"));
        }
    }

    /** The markers of one Flux HelmRelease (as JSON); a Git-sourced chart's path goes to {@code paths}. */
    void helmRelease(JsonNode release, List<DeployMarker> markers, Map<String, String> paths) {
        String name = release.path("metadata").path("name").asText();
        String origin = "flux HelmRelease " + release.path("metadata").path("namespace").asText() + "/" + name;
        JsonNode spec = release.path("spec");
        String env = environment(spec.path("targetNamespace").asText(""), release);
        JsonNode chart = spec.path("chart").path("spec");
        String repo = chart.path("sourceRef").path("name").asText("");
        if ("GitRepository".equals(chart.path("sourceRef").path("kind").asText())) {
            putPath(paths, name, chart.path("chart").asText(""));
        }
        JsonNode status = release.path("status");
        JsonNode history = status.path("history");
        if (history.isArray() && !history.isEmpty()) {
            for (JsonNode snapshot : history) {
                Instant time = time(snapshot.path("firstDeployed"));
                String status0 = snapshot.path("status").asText();
                if (time != null && (status0.equals("deployed") || status0.equals("superseded"))) {
                    String version = snapshot.path("chartName").asText() + "@" + snapshot.path("chartVersion").asText()
                            + (snapshot.path("appVersion").asText("").isEmpty() ? "" : " (app " + snapshot.path("appVersion").asText() + ")");
                    markers.add(new DeployMarker(name, env, repo, null, time, version,
                            origin + " history v" + snapshot.path("version").asText()));
                }
            }
            return;
        }
        String revision = status.path("lastAppliedRevision").asText(status.path("lastAttemptedRevision").asText(""));
        Instant time = readySince(status);
        if (!revision.isEmpty() && time != null) {
            markers.add(new DeployMarker(name, env, repo, null, time, revision, origin + " status.lastAppliedRevision"));
        }
    }

    /**
     * A Flux revision to a marker. RFC-0005: the digest follows the last {@code @} ({@code main@sha1:<sha>},
     * {@code sha1:<sha>}); the older form is {@code main/<sha>}. Only a {@code sha1}/{@code sha256} Git digest of
     * a Git source is a commit; an OCI digest stays a version.
     */
    static DeployMarker fluxMarker(String service, String env, String repo, String revision, Instant time, String origin) {
        String commit = fluxCommit(revision);
        return commit == null ? new DeployMarker(service, env, repo, null, time, revision, origin)
                : new DeployMarker(service, env, repo, commit, time, null, origin);
    }

    /** The Git commit of a Flux revision, or null. */
    static String fluxCommit(String revision) {
        String digest;
        if (revision.contains("@") || revision.contains(":")) {
            digest = revision.substring(revision.lastIndexOf('@') + 1);
            int colon = digest.indexOf(':');
            if (colon < 0 || !digest.substring(0, colon).equals("sha1")) {
                return null; // sha256:… is a Bucket/OCI digest (or a SHA-256 Git repo, which JGit does not read)
            }
            digest = digest.substring(colon + 1);
        } else {
            digest = revision.substring(revision.lastIndexOf('/') + 1);
        }
        digest = digest.toLowerCase(Locale.ROOT);
        return HEX_COMMIT.matcher(digest).matches() ? digest : null;
    }

    private static Instant readySince(JsonNode status) {
        for (JsonNode condition : status.path("conditions")) {
            if ("Ready".equals(condition.path("type").asText()) && "True".equals(condition.path("status").asText())) {
                return time(condition.path("lastTransitionTime"));
            }
        }
        return null;
    }

    // ---- ReplicaSets ------------------------------------------------------------------------------------------

    /** The marker of one ReplicaSet (as JSON): one rollout of its Deployment. */
    void replicaSet(JsonNode rs, List<DeployMarker> markers) {
        JsonNode meta = rs.path("metadata");
        Instant time = time(meta.path("creationTimestamp"));
        if (time == null) {
            return;
        }
        String owner = null;
        for (JsonNode ref : meta.path("ownerReferences")) {
            if ("Deployment".equals(ref.path("kind").asText())) {
                owner = ref.path("name").asText();
            }
        }
        JsonNode labels = meta.path("labels");
        String service = owner != null ? owner : labels.path("app.kubernetes.io/name").asText(meta.path("name").asText());
        List<String> images = new ArrayList<>();
        for (JsonNode c : rs.path("spec").path("template").path("spec").path("containers")) {
            images.add(c.path("image").asText());
        }
        String appVersion = labels.path("app.kubernetes.io/version").asText("");
        String commit = replicaSetCommit(meta.path("annotations"), appVersion);
        String version = String.join(",", images);
        if (!appVersion.isEmpty() && !appVersion.equalsIgnoreCase(commit == null ? "" : commit)) {
            version = appVersion + (version.isEmpty() ? "" : " (" + version + ")");
        }
        String revision = meta.path("annotations").path("deployment.kubernetes.io/revision").asText("");
        markers.add(new DeployMarker(service, environment("", rs), "", commit, time, version.isEmpty() ? null : version,
                "ReplicaSet " + meta.path("namespace").asText() + "/" + meta.path("name").asText()
                        + (revision.isEmpty() ? "" : " revision " + revision)));
    }

    /** A commit a ReplicaSet names: a {@code …/revision} or {@code …/commit} annotation, the version label, the change-cause. */
    static String replicaSetCommit(JsonNode annotations, String appVersion) {
        List<String> keys = new ArrayList<>();
        annotations.fieldNames().forEachRemaining(keys::add);
        Collections.sort(keys);
        for (String key : keys) {
            String value = annotations.path(key).asText("").trim().toLowerCase(Locale.ROOT);
            // deployment.kubernetes.io/revision is the rollout number, not a commit.
            if ((key.endsWith("/revision") || key.endsWith("/commit") || key.endsWith(".revision"))
                    && !key.equals("deployment.kubernetes.io/revision") && HEX_COMMIT.matcher(value).matches()) {
                return value;
            }
        }
        String version = appVersion.toLowerCase(Locale.ROOT);
        if (version.length() >= 7 && HEX_COMMIT.matcher(version).matches() && !version.matches("\\d+")) {
            return version;
        }
        String cause = annotations.path("kubernetes.io/change-cause").asText("");
        Matcher named = NAMED_COMMIT.matcher(cause);
        if (named.find()) {
            return named.group(1).toLowerCase(Locale.ROOT);
        }
        Matcher full = FULL_SHA.matcher(cause.toLowerCase(Locale.ROOT));
        return full.find() ? full.group(1) : null;
    }

    // ---- shared -----------------------------------------------------------------------------------------------

    private String environment(String target, JsonNode object) {
        if (settings.environment() != null) {
            return settings.environment();
        }
        return target.isEmpty() ? object.path("metadata").path("namespace").asText("") : target;
    }

    private static void putPath(Map<String, String> paths, String service, String path) {
        String clean = path.startsWith("./") ? path.substring(2) : path;
        if (!clean.isEmpty() && !clean.equals(".")) {
            paths.putIfAbsent(service, clean);
        }
    }

    private static Instant time(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null; // a malformed timestamp cannot date a deploy; the entry is left out
        }
    }
}
