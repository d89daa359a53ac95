package io.smokegate.check.kube;

import io.smokegate.check.Check;
import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeException;
import java.util.concurrent.CancellationException;

/**
 * A check of one Kubernetes context: it opens the context's shared client and runs a {@link Body} against it. A
 * {@link KubeException} (403, API server unreachable or not answering in time, an error answer, an unknown or
 * refused context) is what the cluster or its configuration did, so it fails the check with the exception's
 * message, which names the permission, server or context; anything else is a fault of the check itself.
 */
public final class KubeCheck implements Check {

    /** What a kube check does with its cluster. */
    @FunctionalInterface
    public interface Body {
        Outcome run(KubeCluster cluster, Probe probe) throws InterruptedException;
    }

    private final String context;
    private final Body body;

    /** @param context the kubeconfig context, or null for the current one */
    public KubeCheck(String context, Body body) {
        this.context = context;
        this.body = body;
    }

    @Override
    public Outcome run(Probe probe) throws InterruptedException {
        try {
            KubeCluster cluster = Clusters.of(probe.context()).cluster(context);
            probe.detail("context", cluster.context());
            return body.run(cluster, probe);
        } catch (KubeException e) {
            return Outcome.fail(e.getMessage());
        } catch (CancellationException e) {
            // A Kubernetes call saw the runner interrupt this thread (cancelled run, check timeout).
            InterruptedException interrupted = new InterruptedException(e.getMessage());
            interrupted.initCause(e);
            throw interrupted;
        }
    }
}
