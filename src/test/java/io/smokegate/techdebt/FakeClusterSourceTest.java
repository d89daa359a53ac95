package io.smokegate.techdebt;

import io.smokegate.kube.KubeClients;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeEnvironment;
import io.smokegate.kube.KubeSettings;
import io.smokegate.testing.kube.FakeCluster;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of a {@link TechDebtSource} over Kubernetes: one fake cluster and one Vert.x instance for the test class, and
 * a scan that connects as a kubeconfig written for the cluster would (the fake's service account, the default context).
 */
public abstract class FakeClusterSourceTest {

    protected static final DeprecatedApis TABLE = DeprecatedApis.bundled();

    protected static Vertx vertx;
    protected static FakeCluster fake;

    @TempDir
    protected static Path dir;

    @BeforeAll
    static void startFakeCluster() {
        vertx = Vertx.vertx();
        fake = FakeCluster.start();
    }

    @AfterAll
    static void stopFakeCluster() {
        fake.close();
        vertx.close().await();
    }

    /** One scan of the source {@code source} makes for {@code cluster}, with {@code timeout} per call. */
    protected static SourceResult scan(FakeCluster cluster, Duration timeout, Function<List<KubeCluster>, TechDebtSource> source,
                                       TargetVersions targets) {
        try (KubeClients clients = new KubeClients(KubeSettings.defaults().withKubeconfig(cluster.writeKubeconfig(dir.resolve("config")))
                .withCallTimeout(timeout), KubeEnvironment.of(Map.of(), dir, dir.resolve("sa")), () -> vertx)) {
            return source.apply(List.of(clients.cluster())).scan(TABLE, targets);
        }
    }
}
