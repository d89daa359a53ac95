package io.smokegate.check.kube;

import io.smokegate.check.CheckContext;
import io.smokegate.check.SharedClient;
import io.smokegate.kube.KubeClients;
import io.smokegate.kube.KubeEnvironment;
import io.smokegate.kube.KubeSettings;

/**
 * The Kubernetes clients that cluster checks share: one {@link KubeClients} per check context (one Fabric8
 * client per Kubernetes context inside it), opened by the first check that asks, on the context's Vert.x, and
 * closed with the check context.
 *
 * <p>The key lives here, beside the cluster checks that will use it, and not in {@code kube/}: {@code kube/} is
 * the connection library (the CLI's {@code cluster} command uses it without any check) and stays free of the
 * check SPI, as {@code gomod/} does with the Go proxy pool whose key is in {@code check/goproxy/}. The checks that
 * use it are the {@link KubeFamily}.
 *
 * <p>Settings come from the check context: {@link KubeSettings} ({@code serve} registers those of
 * {@code kubernetes:} in its config; without them, kubectl's defaults) and, for tests, a
 * {@link KubeEnvironment} (without it, the process's own).
 */
public final class Clusters {

    public static final SharedClient<KubeClients> CLIENTS = new SharedClient<>("Kubernetes clients",
            context -> new KubeClients(context.setting(KubeSettings.class).orElseGet(KubeSettings::defaults),
                    context.setting(KubeEnvironment.class).orElseGet(KubeEnvironment::system), context::vertx));

    private Clusters() {
    }

    /** The context's Kubernetes clients, opened on first use. */
    public static KubeClients of(CheckContext context) {
        return context.client(CLIENTS);
    }
}
