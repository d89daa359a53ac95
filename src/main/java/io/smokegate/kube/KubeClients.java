package io.smokegate.kube;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The Kubernetes clients of a process: one {@link KubeCluster} (one Fabric8 client) per context, created on
 * first use, reused by every later call, all closed by {@link #close()}. The kubeconfig is read on first use
 * too, so a process that never touches a cluster never reads it. Thread-safe.
 *
 * <p>Contexts are found like kubectl finds them (see {@link Kubeconfig}); several can be used at once, and
 * {@link KubeSettings#allowedContexts()} restricts which. The Fabric8 clients run on the application's Vert.x
 * instance (one network stack); their calls block the calling thread, so callers are worker or virtual threads,
 * never the event loop (calls made there are refused with an {@link IllegalStateException}).
 */
public final class KubeClients implements AutoCloseable {

    private final KubeSettings settings;
    private final KubeEnvironment environment;
    private final Supplier<Vertx> vertx;
    private final Map<String, KubeCluster> clusters = new LinkedHashMap<>();
    private final ExecutorService calls = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("smokegate-kube-call-", 0).factory());
    private Kubeconfig kubeconfig;
    private Vertx sharedVertx;
    private boolean closed;

    /**
     * @param vertx the application's Vert.x instance, asked for once, on the first client (so a CLI that never
     *              connects does not start one); it is not closed here
     */
    public KubeClients(KubeSettings settings, KubeEnvironment environment, Supplier<Vertx> vertx) {
        this.settings = settings;
        this.environment = environment;
        this.vertx = vertx;
    }

    /** Clients configured from the real environment (KUBECONFIG, ~/.kube/config, the pod's service account). */
    public static KubeClients fromEnvironment(KubeSettings settings, Supplier<Vertx> vertx) {
        return new KubeClients(settings, KubeEnvironment.system(), vertx);
    }

    public KubeSettings settings() {
        return settings;
    }

    /**
     * The kubeconfig as read on first use.
     *
     * @throws KubeConfigException when nothing is configured or a file cannot be read
     */
    public synchronized Kubeconfig kubeconfig() {
        ensureOpen();
        if (kubeconfig == null) {
            kubeconfig = Kubeconfig.load(settings, environment);
        }
        return kubeconfig;
    }

    /** The context used when none is named, checked against the allowed contexts. */
    public String defaultContext() {
        return kubeconfig().resolve(null, settings.allowedContexts());
    }

    /** The contexts that may be used: every known one, or the allowed ones among them. */
    public List<String> usableContexts() {
        List<String> usable = new ArrayList<>(kubeconfig().contextNames());
        if (!settings.allowedContexts().isEmpty()) {
            usable.retainAll(settings.allowedContexts());
        }
        return List.copyOf(usable);
    }

    /** The default context's cluster. */
    public KubeCluster cluster() {
        return cluster(null);
    }

    /**
     * The cluster of a context ({@code null} or blank: the current context), with its client created on first
     * use and reused afterwards.
     *
     * @throws KubeConfigException for an unknown or not allowed context, or one whose kubeconfig entry is broken
     */
    public synchronized KubeCluster cluster(String context) {
        requireWorkerThread();
        String name = kubeconfig().resolve(context, settings.allowedContexts());
        KubeCluster cluster = clusters.get(name);
        if (cluster == null) {
            if (sharedVertx == null) {
                sharedVertx = vertx.get();
            }
            cluster = new KubeCluster(kubeconfig, name, settings, sharedVertx, calls);
            clusters.put(name, cluster);
        }
        return cluster;
    }

    /** How many clients exist now (one per context used so far). */
    public synchronized int openClients() {
        return clusters.size();
    }

    /** Closes every client; later calls fail. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (KubeCluster cluster : clusters.values()) {
            try {
                cluster.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        clusters.clear();
        calls.shutdownNow();
        if (first != null) {
            throw first;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the Kubernetes clients are closed");
        }
    }

    /** Kubernetes calls block; on an event loop they would stall every other request of the process. */
    static void requireWorkerThread() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("Kubernetes calls block the calling thread: make them from a worker or "
                    + "virtual thread (e.g. vertx.executeBlocking), never from the Vert.x event loop");
        }
    }
}
