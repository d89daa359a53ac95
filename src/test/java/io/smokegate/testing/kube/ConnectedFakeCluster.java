package io.smokegate.testing.kube;

import io.smokegate.kube.KubeClients;
import io.smokegate.kube.KubeEnvironment;
import io.smokegate.kube.KubeSettings;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A fake cluster and smokegate's own clients connected to it through a kubeconfig written in a test's directory: the
 * setup of tests that call the cluster as the product does (so the calls are logged as smokegate's for the RBAC proof).
 */
public record ConnectedFakeCluster(Vertx vertx, FakeCluster fake, KubeClients clients) implements AutoCloseable {

    /**
     * Starts one, its kubeconfig at {@code dir/config} with {@code contexts} (none: one default context).
     *
     * @param callTimeout the most one request may take: generous, a busy test machine must not hit it
     */
    public static ConnectedFakeCluster start(Path dir, Duration callTimeout, String... contexts) {
        Vertx vertx = Vertx.vertx();
        FakeCluster fake = FakeCluster.start();
        KubeClients clients = new KubeClients(KubeSettings.defaults().withKubeconfig(fake.writeKubeconfig(dir.resolve("config"),
                contexts)).withCallTimeout(callTimeout), KubeEnvironment.of(Map.of(), dir, dir.resolve("sa")), () -> vertx);
        return new ConnectedFakeCluster(vertx, fake, clients);
    }

    @Override
    public void close() {
        clients.close();
        fake.close();
        vertx.close().await();
    }
}
