package io.smokegate.techdebt.live;

import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeException;
import io.smokegate.kube.KubeOp;
import io.smokegate.techdebt.ApiStatus;
import io.smokegate.techdebt.DeprecatedApi;
import io.smokegate.techdebt.DeprecatedApiFinding;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.ReleaseVersion;
import io.smokegate.techdebt.Skipped;
import io.smokegate.techdebt.SourceResult;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.techdebt.TechDebtSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * The deprecated APIs clients still call, as the API server itself counts them: since Kubernetes 1.19 a request to a
 * deprecated API sets the gauge {@value DeprecatedApiMetric#NAME}{group, version, resource, subresource,
 * removed_release} to 1 (deprecation policy, KEP-1693). No manifest shows this: it is the CI job, operator or SDK
 * caller that still asks for {@code policy/v1beta1}. The gauge lives as long as the API server process, so a series
 * may stay after its caller was fixed, until the server restarts; with several API servers each sees its own callers.
 *
 * <p>Read from {@code GET /metrics} through the cluster's client (which needs {@code get} on the non-resource URL
 * {@code /metrics}), with the call timeout; one finding per series (source {@code apiserver}, kind the resource,
 * no name), judged by {@code removed_release} against the Kubernetes target, with the replacement and deprecation
 * release from the table when it has the resource. Figure {@value #REQUESTED}: series found (left out when the
 * page could not be read).
 */
public final class RequestedDeprecatedApis implements TechDebtSource {

    public static final String SOURCE = "apiserver";
    /** Figure: deprecated APIs requested (series of the gauge), over all clusters. */
    public static final String REQUESTED = "deprecatedApisRequested";

    private final List<KubeCluster> clusters;
    private final DeprecatedApiMetric.Limits limits;

    public RequestedDeprecatedApis(List<KubeCluster> clusters, DeprecatedApiMetric.Limits limits) {
        this.clusters = List.copyOf(clusters);
        this.limits = Objects.requireNonNull(limits);
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public SourceResult scan(DeprecatedApis table, TargetVersions targets) {
        List<DeprecatedApiFinding> found = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        long requested = 0;
        boolean read = false;
        for (KubeCluster cluster : clusters) {
            String where = clusters.size() > 1 ? "context '" + cluster.context() + "': " : "";
            DeprecatedApiMetric.Parsed page;
            try {
                page = cluster.call(KubeOp.path("get", "/metrics"), this::fetch);
            } catch (KubeException e) {
                skipped.add(new Skipped(SOURCE, where + "the API server's " + DeprecatedApiMetric.NAME + " metric not read: " + e.getMessage()));
                continue;
            } catch (CancellationException e) {
                skipped.add(new Skipped(SOURCE, where + "the scan was cancelled while reading the API server's /metrics"));
                break;
            }
            read = true;
            for (String problem : page.problems()) {
                skipped.add(new Skipped(SOURCE, where + "/metrics " + problem));
            }
            for (DeprecatedApiMetric.Series series : page.series()) {
                requested++;
                found.add(finding(series, table, targets));
            }
        }
        Map<String, Number> figures = new LinkedHashMap<>();
        if (read) {
            figures.put(REQUESTED, requested);
        }
        return SourceResult.ofDeprecatedApis(found, skipped, figures);
    }

    /** One GET of /metrics, streamed through the parser. */
    private DeprecatedApiMetric.Parsed fetch(KubernetesClient client) {
        return RawGet.get(client, "metrics", "text/plain;version=0.0.4", in -> DeprecatedApiMetric.parse(in, limits));
    }

    private static DeprecatedApiFinding finding(DeprecatedApiMetric.Series series, DeprecatedApis table, TargetVersions targets) {
        String apiVersion = series.apiVersion();
        String kind = series.subresource().isEmpty() ? series.resource() : series.resource() + "/" + series.subresource();
        Optional<DeprecatedApi> row = row(table, apiVersion, series.resource());
        ReleaseVersion removedIn = ReleaseVersion.parse(series.removedRelease())
                .or(() -> row.map(DeprecatedApi::removedIn)).orElse(null);
        DeprecatedApi api = new DeprecatedApi(apiVersion, kind, row.map(DeprecatedApi::deprecatedIn).orElse(null), removedIn,
                row.map(DeprecatedApi::replacement).orElse(""), "k8s");
        // the server counts it because it is deprecated, whether or not the table knows since when
        ApiStatus status = targets.status(api).orElse(ApiStatus.DEPRECATED);
        return new DeprecatedApiFinding(SOURCE, null, 0, kind, null, null, apiVersion, api.replacement(), api.deprecatedIn(),
                api.removedIn(), status);
    }

    /** The table's row of the resource's kind (the metric names resources, the table kinds), else of its whole apiVersion. */
    private static Optional<DeprecatedApi> row(DeprecatedApis table, String apiVersion, String resource) {
        Optional<DeprecatedApi> own = table.rows().stream().filter(r -> r.apiVersion().equals(apiVersion) && !r.wholeVersion()
                && Pluralize.toPlural(r.kind().toLowerCase(Locale.ROOT)).equals(resource)).findFirst();
        return own.isPresent() ? own : table.lookup(apiVersion, "");
    }
}
