package io.smokegate.leader;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.smokegate.config.LeaderElectionConfig;
import io.smokegate.kube.KubeCluster;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Leadership as a Kubernetes {@code coordination.k8s.io/v1} Lease, kept by Fabric8's LeaderElector: the holder
 * renews it every retry period and gives up when it could not for the renew deadline; a candidate takes it when
 * it has not been renewed for the lease duration. Updates carry the resourceVersion they read, so two candidates
 * never both win. When the elector ends (leadership lost, or the API server unreachable), it is started again:
 * this replica stays a candidate until {@link #close}, which releases the Lease for a quick hand-over.
 */
public final class LeaseLeaderElection extends Leadership {

    private static final Logger LOG = Logger.getLogger(LeaseLeaderElection.class.getName());
    /** A first request to the API server: a connection to set up, TLS to negotiate. */
    private static final Duration FIRST_REQUEST = Duration.ofSeconds(2);

    private final Supplier<KubeCluster> cluster;
    private final LeaderElectionConfig config;
    private final String identity;
    /** Counted down when the elector has seen who holds the Lease, or taken it. */
    private final CountDownLatch firstLook = new CountDownLatch(1);
    private CompletableFuture<?> running;
    private boolean closed;

    /**
     * @param cluster  the cluster that holds the Lease (the kubeconfig's current context: in a pod, its own cluster);
     *                 asked for at each (re)start of the elector, so a cluster unreachable at first is tried again
     * @param identity this replica's id, written as the Lease's holder
     */
    public LeaseLeaderElection(Supplier<KubeCluster> cluster, LeaderElectionConfig config, String identity) {
        this.cluster = cluster;
        this.config = config;
        this.identity = identity;
    }

    /**
     * Starts the elector and waits for its first look at the Lease (it tries after a jittered retry period), so a
     * lone replica leads when start-up ends; at most two retry periods and the time of a request.
     */
    @Override
    public void start() {
        run();
        try {
            firstLook.await(config.retryPeriod().multipliedBy(2).plus(FIRST_REQUEST).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void run() {
        if (closed) {
            return;
        }
        LeaderElectorBuilder elector;
        String namespace;
        try {
            KubeCluster c = cluster.get();
            namespace = config.leaseNamespace() != null ? config.leaseNamespace()
                    : c.namespace() != null ? c.namespace() : "default";
            elector = c.leaderElector();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "leader election cannot reach Kubernetes, trying again in "
                    + config.retryPeriod().toSeconds() + " s: " + e.getMessage());
            retryLater();
            return;
        }
        String lease = namespace + "/" + config.leaseName();
        running = elector.withConfig(new LeaderElectionConfigBuilder()
                .withName("smokegate")
                .withLock(new LeaseLock(namespace, config.leaseName(), identity))
                .withLeaseDuration(config.leaseDuration())
                .withRenewDeadline(config.renewDeadline())
                .withRetryPeriod(config.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(() -> {
                    set(true);
                    firstLook.countDown();
                }, () -> set(false), holder -> {
                    LOG.log(Level.INFO, "leader elected", new Object[] {"lease=" + lease, "holder=" + holder});
                    if (!holder.equals(identity)) {
                        firstLook.countDown();
                    }
                }))
                .build()).build().start();
        running.whenComplete((ok, error) -> {
            set(false);
            if (error != null && !(error instanceof java.util.concurrent.CancellationException)) {
                LOG.log(Level.WARNING, "leader election stopped, trying again: " + error.getMessage());
            }
            // Leadership lost or the elector failed: stay a candidate, unless closing.
            retryLater();
        });
    }

    private void retryLater() {
        CompletableFuture.delayedExecutor(config.retryPeriod().toMillis(), TimeUnit.MILLISECONDS).execute(this::run);
    }

    @Override
    public String describe() {
        return "kubernetes lease " + (config.leaseNamespace() == null ? "" : config.leaseNamespace() + "/")
                + config.leaseName();
    }

    @Override
    public void close() {
        CompletableFuture<?> last;
        synchronized (this) {
            closed = true;
            last = running;
        }
        if (last != null) {
            // Cancelling releases the Lease (releaseOnCancel): the next candidate need not wait for it to expire.
            last.cancel(true);
        }
        set(false);
    }
}
