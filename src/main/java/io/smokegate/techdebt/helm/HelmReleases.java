package io.smokegate.techdebt.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeException;
import io.smokegate.kube.KubeOp;
import io.smokegate.kube.ListLimits;
import io.smokegate.kube.PageFetcher;
import io.smokegate.kube.ResourceRef;
import io.smokegate.techdebt.DeprecatedApiFinding;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.HelmRelease;
import io.smokegate.techdebt.ManifestObject;
import io.smokegate.techdebt.Manifests;
import io.smokegate.techdebt.Skipped;
import io.smokegate.techdebt.SourceResult;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.techdebt.TechDebtSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;

/**
 * The Helm releases of Kubernetes clusters, read like Fairwinds Pluto ({@code detect-helm}) and Nova read them,
 * through Helm's own storage format: release Secrets ({@code type: helm.sh/release.v1}) and the ConfigMap driver's
 * ConfigMaps, both labelled {@code owner=helm}. Per release the latest revision in state {@code deployed} counts:
 * its chart name and version ({@code chart.metadata}) are compared with the configured chart repositories, and its
 * rendered {@code manifest} goes through the deprecated-API table (source {@code helm}, name
 * {@code <release>/<object name>}), since the API server converts live objects and only the stored manifest shows
 * the version a chart was written with.
 *
 * <p>Only objects labelled {@code status=deployed} are listed (Helm keeps the label equal to the release's status):
 * superseded revisions, ten per release by default, are neither transferred nor decoded. Lists are paged in small
 * pages because each release object may approach the API server's 1 MiB object limit. Nothing stored in a cluster
 * can fail the scan: undecodable releases, several revisions left in state deployed, and lists the API server
 * refuses or does not finish are reported as skipped, with the object or the server's message.
 */
public final class HelmReleases implements TechDebtSource {

    public static final String SOURCE = "helm";
    /** Figure: deployed releases found. */
    public static final String RELEASES = "helmReleases";
    /** Figure: releases whose chart is older than the newest stable version in the chart repositories. */
    public static final String OUTDATED = "helmOutdated";
    /** Figure: outdated releases per release (0 without releases). */
    public static final String OUTDATED_RATIO = "helmOutdatedRatio";
    /** Figure: releases of a deprecated chart (marked so in the release or in the repository's newest version). */
    public static final String DEPRECATED_CHARTS = "helmDeprecatedCharts";

    static final String SECRET_TYPE = "helm.sh/release.v1";
    static final String SELECTOR = "owner=helm,status=deployed";

    /** The storage drivers to read: Helm's default ({@code secret}) and {@code configmap}. */
    public enum Driver {
        SECRET, CONFIGMAP
    }

    /**
     * @param list     paging of the release lists
     * @param decoding size limits of one release
     * @param manifestBytes larger rendered manifests are not scanned for API versions
     */
    public record Settings(Set<Driver> drivers, ListLimits list, ReleaseDecoder.Limits decoding, long manifestBytes) {
        public Settings {
            drivers = Set.copyOf(drivers);
        }

        public static Settings defaults() {
            return new Settings(Set.of(Driver.SECRET, Driver.CONFIGMAP), new ListLimits(50, 50_000),
                    ReleaseDecoder.Limits.defaults(), 16L * 1024 * 1024);
        }
    }

    /** A revision in state deployed, with what its manifest was found to use, and the object it is stored in. */
    private record Revision(String where, StoredRelease release, String namespace, String object,
                            List<DeprecatedApiFinding> deprecated) {
    }

    private final List<KubeCluster> clusters;
    private final List<String> namespaces;
    private final ChartRepositories charts;
    private final Settings settings;
    private final ReleaseDecoder decoder;

    /**
     * @param namespaces the namespaces to read; empty: all namespaces
     */
    public HelmReleases(List<KubeCluster> clusters, List<String> namespaces, ChartRepositories charts, Settings settings) {
        this.clusters = List.copyOf(clusters);
        this.namespaces = List.copyOf(namespaces);
        this.charts = Objects.requireNonNull(charts);
        this.settings = Objects.requireNonNull(settings);
        this.decoder = new ReleaseDecoder(settings.decoding());
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public SourceResult scan(DeprecatedApis table, TargetVersions targets) {
        List<Skipped> skipped = new ArrayList<>();
        ChartRepositories.Fetched repositories = charts.fetch();
        skipped.addAll(repositories.skipped());
        Manifests manifests = new Manifests(settings.manifestBytes());
        // per cluster, namespace and release name: the deployed revisions found
        Map<String, List<Revision>> found = new TreeMap<>();
        for (KubeCluster cluster : clusters) {
            String where = clusters.size() > 1 ? "context '" + cluster.context() + "': " : "";
            for (String namespace : namespaces.isEmpty() ? java.util.Collections.<String>singletonList(null) : namespaces) {
                if (settings.drivers().contains(Driver.SECRET)) {
                    list(cluster, where, Secret.class, namespace, (c, o) -> {
                        o.setLabelSelector(SELECTOR);
                        return namespace == null ? c.secrets().inAnyNamespace().list(o) : c.secrets().inNamespace(namespace).list(o);
                    }, secret -> {
                        if (SECRET_TYPE.equals(secret.getType())) {
                            String value = secret.getData() == null ? null : secret.getData().get("release");
                            read(where, cluster, secret, () -> decoder.fromSecret(value), table, targets, manifests, found, skipped);
                        }
                    }, skipped);
                }
                if (settings.drivers().contains(Driver.CONFIGMAP)) {
                    list(cluster, where, ConfigMap.class, namespace, (c, o) -> {
                        o.setLabelSelector(SELECTOR);
                        return namespace == null ? c.configMaps().inAnyNamespace().list(o) : c.configMaps().inNamespace(namespace).list(o);
                    }, map -> {
                        String value = map.getData() == null ? null : map.getData().get("release");
                        read(where, cluster, map, () -> decoder.fromConfigMap(value), table, targets, manifests, found, skipped);
                    }, skipped);
                }
            }
        }
        List<DeprecatedApiFinding> deprecated = new ArrayList<>();
        List<HelmRelease> releases = new ArrayList<>();
        for (List<Revision> revisions : found.values()) {
            revisions.sort(Comparator.comparingInt((Revision r) -> r.release().revision()).reversed());
            Revision latest = revisions.get(0);
            if (revisions.size() > 1) {
                skipped.add(duplicates(latest, revisions));
            }
            deprecated.addAll(latest.deprecated());
            releases.add(compare(latest, repositories));
        }
        long outdated = releases.stream().filter(HelmRelease::outdated).count();
        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put(RELEASES, (long) releases.size());
        figures.put(OUTDATED, outdated);
        figures.put(OUTDATED_RATIO, releases.isEmpty() ? 0.0 : (double) outdated / releases.size());
        figures.put(DEPRECATED_CHARTS, releases.stream().filter(HelmRelease::deprecated).count());
        return new SourceResult(deprecated, releases, List.of(), skipped, figures);
    }

    private <T extends HasMetadata> void list(KubeCluster cluster, String where, Class<T> type, String namespace,
                                              PageFetcher<T> fetch, java.util.function.Consumer<T> each, List<Skipped> skipped) {
        try {
            cluster.forEach(KubeOp.list(ResourceRef.of(type), namespace), settings.list(), fetch, each);
        } catch (KubeException e) {
            skipped.add(new Skipped(SOURCE, where + "Helm releases stored as " + type.getSimpleName()
                    + "s not (fully) read: " + e.getMessage()));
        } catch (CancellationException e) {
            skipped.add(new Skipped(SOURCE, where + "the scan was cancelled while listing Helm releases"));
        }
    }

    @FunctionalInterface
    private interface Decode {
        StoredRelease decode() throws ReleaseDataException;
    }

    private static void read(String where, KubeCluster cluster, HasMetadata object, Decode decode, DeprecatedApis table,
                             TargetVersions targets, Manifests manifests, Map<String, List<Revision>> found, List<Skipped> skipped) {
        String namespace = object.getMetadata().getNamespace();
        String stored = object.getKind() + " " + namespace + "/" + object.getMetadata().getName();
        StoredRelease release;
        try {
            release = decode.decode();
        } catch (ReleaseDataException e) {
            skipped.add(new Skipped(SOURCE, where + stored + ": " + e.getMessage() + "; the release is not scanned"));
            return;
        }
        if (!release.deployed()) {
            return; // labelled deployed, stored otherwise: Helm itself goes by the stored status
        }
        List<DeprecatedApiFinding> deprecated = new ArrayList<>();
        Manifests.Read read = manifests.read(stored + " manifest", release.manifest());
        for (ManifestObject o : read.objects()) {
            table.lookup(o.apiVersion(), o.kind()).ifPresent(api -> targets.status(api).ifPresent(status -> {
                ManifestObject named = new ManifestObject(o.apiVersion(), o.kind(), release.name() + "/" + o.name(),
                        o.namespace() == null ? namespace : o.namespace(), o.line());
                deprecated.add(DeprecatedApiFinding.of(SOURCE, null, named, api, status));
            }));
        }
        if (read.stopped() != null) {
            skipped.add(new Skipped(SOURCE, where + "release " + namespace + "/" + release.name() + ": its manifest is read up to "
                    + read.stopped().format()));
        }
        found.computeIfAbsent(cluster.context() + "\u0000" + namespace + "\u0000" + release.name(), k -> new ArrayList<>())
                .add(new Revision(where, release, namespace, stored, deprecated));
    }

    /** Helm can leave an older revision in state deployed (pluto#564); Pluto warns and so does this. */
    private static Skipped duplicates(Revision latest, List<Revision> revisions) {
        List<Revision> stale = revisions.subList(1, revisions.size());
        StringBuilder s = new StringBuilder(latest.where()).append("release ").append(latest.namespace()).append('/')
                .append(latest.release().name()).append(" has ").append(revisions.size())
                .append(" revisions in state deployed; revision ").append(latest.release().revision())
                .append(" is scanned, the older ones (a failed upgrade or rollback left them) are not: delete ");
        for (int i = 0; i < stale.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(stale.get(i).object());
        }
        return new Skipped(SOURCE, s.toString());
    }

    private static HelmRelease compare(Revision revision, ChartRepositories.Fetched repositories) {
        StoredRelease r = revision.release();
        Optional<ChartRepositories.Known> known = repositories.find(r.chart(), r.chartVersion());
        String latest = known.map(k -> k.chart().newest()).orElse(null);
        boolean deprecated = r.chartDeprecated() || known.map(k -> k.chart().deprecated()).orElse(false);
        Optional<ChartVersion> installed = ChartVersion.parse(r.chartVersion());
        Optional<ChartVersion> newest = ChartVersion.parse(latest);
        boolean outdated = installed.isPresent() && newest.isPresent() && newest.get().compareTo(installed.get()) > 0;
        int majorsBehind = outdated ? (int) Math.max(0, newest.get().major() - installed.get().major()) : 0;
        return new HelmRelease(r.name(), revision.namespace(), r.chart(), r.chartVersion(), latest, outdated, majorsBehind,
                deprecated);
    }
}
