package io.smokegate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.smokegate.config.TechDebtSettings;
import io.smokegate.kube.KubeClients;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.HelmRelease;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.techdebt.TechDebtSource;
import io.smokegate.techdebt.helm.HelmStorage;
import io.smokegate.testing.kube.ConnectedFakeCluster;
import io.smokegate.testing.kube.FakeCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster sources {@code serve} scans, as its config scopes them. */
class TechDebtSourcesTest {

    private static final DeprecatedApis TABLE = DeprecatedApis.bundled();
    private static final String MANIFEST = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n";

    @TempDir
    Path dir;

    private ConnectedFakeCluster connected;
    private FakeCluster fake;
    private KubeClients clients;

    @BeforeEach
    void open() {
        connected = ConnectedFakeCluster.start(dir, Duration.ofSeconds(10), "prod");
        fake = connected.fake();
        clients = connected.clients();
    }

    @AfterEach
    void close() {
        connected.close();
    }

    /**
     * The deployment's Roles let smokegate read Secrets only in the namespaces the chart names (rbac.secretNamespaces,
     * which it also writes as techdebt.helmNamespaces): the scan must then not list Secrets cluster-wide.
     */
    @Test
    void helmReleaseRecordsAreReadOnlyInTheHelmNamespaces() {
        fake.create(HelmStorage.secret("web", "shop", 1, "deployed", "nginx", "1.2.0", MANIFEST),
                HelmStorage.secret("db", "data", 1, "deployed", "postgresql", "15.0.0", MANIFEST));
        TechDebtSettings settings = TechDebtSettings.defaults().withContexts(List.of("prod")).withHelmNamespaces(List.of("shop"));

        List<HelmRelease> releases = new ArrayList<>();
        for (TechDebtSource source : TechDebtSources.of(settings, () -> clients)) {
            releases.addAll(source.scan(TABLE, TargetVersions.newest(TABLE)).helmReleases());
        }

        assertEquals(List.of("shop/web"), releases.stream().map(r -> r.namespace() + "/" + r.release()).toList());
        assertEquals(List.of(), fake.requests("GET", "/api/v1/secrets"));
        assertEquals(List.of(), fake.requests("GET", "/api/v1/configmaps"));
        assertFalse(fake.requests("GET", "/api/v1/namespaces/shop/secrets").isEmpty());
        assertFalse(fake.requests("GET", "/apis/apps/v1/deployments").isEmpty(), "workload hygiene still scans every namespace");
    }
}
