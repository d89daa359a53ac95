package io.smokegate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.config.TechDebtSettings;
import io.smokegate.kube.KubeClients;
import io.smokegate.kube.KubeEnvironment;
import io.smokegate.kube.KubeSettings;
import io.smokegate.store.Database;
import io.smokegate.store.TechDebtStore;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.ReleaseVersion;
import io.smokegate.techdebt.Skipped;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.techdebt.TechDebtScan;
import io.smokegate.testing.ManualClock;
import io.smokegate.testing.kube.FakeCluster;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s scans of {@code techdebt.contexts} judge against the clusters' live version unless one is configured. */
class TechDebtLiveTargetTest {

    private static final ReleaseVersion NEWEST = TargetVersions.newest(DeprecatedApis.bundled()).kubernetes();

    @TempDir
    Path dir;

    FakeCluster fake;
    Vertx vertx;
    KubeClients clients;
    Database db;
    TechDebtService service;

    @BeforeEach
    void start() throws Exception {
        fake = FakeCluster.start();
        vertx = Vertx.vertx();
        clients = new KubeClients(KubeSettings.defaults().withKubeconfig(fake.writeKubeconfig(dir.resolve("config"), "prod"))
                .withCallTimeout(Duration.ofSeconds(5)), KubeEnvironment.of(Map.of(), dir, dir.resolve("sa")), () -> vertx);
        db = Database.open(dir.resolve("data"), null, null, null);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        db.close();
        clients.close();
        vertx.close().await();
        fake.close();
    }

    private TechDebtScan scan(TechDebtSettings settings) throws Exception {
        service = TechDebtService.of(settings.withContexts(List.of("prod")), () -> clients, new TechDebtStore(db),
                new ManualClock(Instant.parse("2026-12-06T10:00:00Z")));
        return service.scanNow().done().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aScanJudgesAgainstTheLiveVersionOfTheContexts() throws Exception {
        TechDebtScan scan = scan(TechDebtSettings.defaults());

        assertEquals(new ReleaseVersion(1, 32, 0), scan.targets().kubernetes());
        assertEquals(List.of(), scan.skipped().stream().filter(s -> s.source().equals("server-version")).toList());
    }

    @Test
    void aConfiguredKubernetesTargetWinsOverTheLiveVersion() throws Exception {
        TechDebtScan scan = scan(TechDebtSettings.defaults().withTargetVersions(Map.of("k8s", new ReleaseVersion(1, 29, 0))));

        assertEquals(new ReleaseVersion(1, 29, 0), scan.targets().kubernetes());
    }

    @Test
    void aVersionThatCannotBeReadKeepsTheTablesNewestAndIsSkippedSayingWhy() throws Exception {
        fake.forbidPath(FakeCluster.SERVICE_ACCOUNT, "get", "/version");

        TechDebtScan scan = scan(TechDebtSettings.defaults());

        assertEquals(NEWEST, scan.targets().kubernetes());
        assertEquals(new Skipped("server-version", "context 'prod': the server's version was not read (forbidden: smokegate needs"
                + " 'get' on path '/version' (service account system:serviceaccount:smokegate:smokegate); grant it with a"
                + " ClusterRole with nonResourceURLs); Kubernetes is judged against " + NEWEST + ", the newest release the"
                + " table knows"), scan.skipped().get(0));
    }
}
