package io.smokegate.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One Kubernetes context and its Fabric8 client, on the application's Vert.x instance. Every call goes through
 * {@link #call}: it states what it does ({@link KubeOp}), gets the configured timeout (connection included),
 * and fails with a {@link KubeException} whose message a person can act on.
 *
 * <p>Calls block the calling thread until the answer (or the timeout): callers are worker or virtual threads,
 * never a Vert.x event loop, which a call refuses. Instances come from {@link KubeClients}, which creates one
 * per context on first use and closes them all.
 */
public final class KubeCluster {

    // Fabric8 enforces the call timeout on the request; this margin lets its own timeout (which closes the
    // connection) normally fire first, and catches what it cannot (an answer that trickles in forever).
    private static final long WATCHDOG_MARGIN_MS = 250;

    private final Kubeconfig.ContextInfo info;
    private final KubeSettings settings;
    private final ExecutorService calls;
    private final KubernetesClient client;
    private final KubeFailures failures;

    KubeCluster(Kubeconfig kubeconfig, String context, KubeSettings settings, Vertx vertx, ExecutorService calls) {
        this.info = kubeconfig.info(context);
        this.settings = settings;
        this.calls = calls;
        this.failures = new KubeFailures(this);
        this.client = new KubernetesClientBuilder()
                .withConfig(kubeconfig.clientConfig(context, settings))
                .withHttpClientFactory(new Vertx5HttpClientFactory(vertx))
                .build();
    }

    /** The kubeconfig context name ({@value Kubeconfig#IN_CLUSTER} for the pod's own cluster). */
    public String context() {
        return info.name();
    }

    /** The API server URL as configured. */
    public String server() {
        return info.server();
    }

    /** The context's default namespace, or null. */
    public String namespace() {
        return info.namespace();
    }

    /** Who this context authenticates as, as far as its credentials tell. */
    public KubeIdentity identity() {
        return info.identity();
    }

    KubeSettings settings() {
        return settings;
    }

    /**
     * Runs {@code action} against this cluster with the call timeout and returns its result. The action should
     * make the requests {@code op} describes (one request, or a few for the same purpose).
     *
     * @throws KubeUnreachableException when the API server cannot be reached ({@link KubeTimeoutException}
     *                                  when it does not answer in time)
     * @throws KubeForbiddenException   on 403, naming the permission and the identity
     * @throws KubeApiException         on any other error answer
     * @throws CancellationException    when the calling thread is interrupted (its interrupt flag stays set)
     */
    public <T> T call(KubeOp op, Function<KubernetesClient, T> action) {
        KubeClients.requireWorkerThread();
        Future<T> answer = calls.submit(() -> action.apply(client));
        try {
            return answer.get(settings.callTimeout().toMillis() + WATCHDOG_MARGIN_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw failures.timeout(op, e);
        } catch (ExecutionException e) {
            throw failures.translate(op, e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("Kubernetes call " + op.describe() + " cancelled");
        }
    }

    /**
     * A leader elector on this cluster's client: elections make their own requests on their own timing (lease
     * duration, renew deadline, retry period), outside {@link #call}'s timeout.
     */
    public io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder leaderElector() {
        return client.leaderElector();
    }

    /** The server's version ({@code gitVersion}, e.g. {@code v1.32.4}); a cheap proof that it answers. */
    public String serverVersion() {
        VersionInfo version = call(KubeOp.path("get", "/version"), KubernetesClient::getKubernetesVersion);
        if (version == null) {
            return "unknown";
        }
        if (version.getGitVersion() != null && !version.getGitVersion().isBlank()) {
            return version.getGitVersion();
        }
        return "v" + version.getMajor() + "." + version.getMinor();
    }

    /**
     * Lists page by page ({@code limit}/{@code continue}), handing each object to {@code each} as its page
     * arrives, and stops at {@code limits.maxObjects()}. Each page is one call with its own timeout.
     */
    public <T extends HasMetadata> ListSummary forEach(KubeOp op, ListLimits limits, PageFetcher<T> fetch, Consumer<? super T> each) {
        int objects = 0;
        int pages = 0;
        String token = null;
        do {
            int limit = Math.min(limits.pageSize(), limits.maxObjects() - objects);
            ListOptions options = new ListOptionsBuilder().withLimit((long) limit).withContinue(token).build();
            KubernetesResourceList<T> page = call(op, c -> fetch.fetch(c, options));
            pages++;
            List<T> items = page.getItems() == null ? List.of() : page.getItems();
            for (T item : items) {
                if (objects == limits.maxObjects()) {
                    return new ListSummary(objects, pages, true);
                }
                each.accept(item);
                objects++;
            }
            ListMeta meta = page.getMetadata();
            token = meta == null || meta.getContinue() == null || meta.getContinue().isEmpty() ? null : meta.getContinue();
            if (token != null && objects >= limits.maxObjects()) {
                return new ListSummary(objects, pages, true);
            }
        } while (token != null);
        return new ListSummary(objects, pages, false);
    }

    /** Lists page by page into memory, up to {@code limits.maxObjects()}; see {@link #forEach}. */
    public <T extends HasMetadata> ListResult<T> list(KubeOp op, ListLimits limits, PageFetcher<T> fetch) {
        List<T> items = new ArrayList<>();
        ListSummary summary = forEach(op, limits, fetch, items::add);
        return new ListResult<>(items, summary);
    }

    /**
     * Lists objects of any resource (custom resources included) in {@code namespace} (null: all namespaces,
     * or a cluster-scoped resource), optionally filtered by a label selector.
     */
    public ListResult<GenericKubernetesResource> list(ResourceRef resource, String namespace, String labelSelector,
                                                      ListLimits limits) {
        ResourceDefinitionContext definition = new ResourceDefinitionContext.Builder()
                .withGroup(resource.group()).withVersion(resource.version()).withPlural(resource.resource())
                .withNamespaced(resource.namespaced()).build();
        return list(KubeOp.list(resource, namespace), limits, (c, options) -> {
            options.setLabelSelector(labelSelector);
            var objects = c.genericKubernetesResources(definition);
            return resource.namespaced() && namespace != null
                    ? objects.inNamespace(namespace).list(options)
                    : resource.namespaced() ? objects.inAnyNamespace().list(options) : objects.list(options);
        });
    }

    /** The Fabric8 client, for tests of the client's lifecycle; use {@link #call} for requests. */
    KubernetesClient client() {
        return client;
    }

    void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "context '" + context() + "' (" + server() + ")";
    }
}
