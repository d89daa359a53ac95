package io.smokegate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.attribution.ClusterDeployMarkers;
import io.smokegate.attribution.Repositories;
import io.smokegate.config.AttributionConfig;
import io.smokegate.kube.KubeClients;
import io.smokegate.kube.ListLimits;
import io.smokegate.metrics.SmokegateMetrics;
import io.smokegate.store.AttributionStore;
import io.smokegate.store.Database;
import io.smokegate.store.DeploymentStore;
import io.smokegate.testing.kube.ArgoApplications;
import io.smokegate.testing.kube.ConnectedFakeCluster;
import io.smokegate.testing.kube.FakeCluster;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploy markers read from a (fake) cluster into the store, round after round. */
class AttributionServiceClusterMarkersTest {

    private static final String SHA1 = "6f6c0979809c12ce4aa687fb42be913f5dc78a75";
    private static final String SHA2 = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    private static final Instant NOW = Instant.parse("2026-05-02T00:00:00Z");

    @TempDir
    Path dir;

    private ConnectedFakeCluster connected;
    private FakeCluster fake;
    private KubeClients clients;
    private Database db;
    private AttributionService service;

    @BeforeEach
    void start() throws Exception {
        connected = ConnectedFakeCluster.start(dir, Duration.ofSeconds(10));
        fake = connected.fake();
        clients = connected.clients();
        db = Database.open(dir.resolve("data"), null, null, null);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        service = new AttributionService(AttributionConfig.defaults(), new Repositories(new Repositories.Settings(
                dir.resolve("data"), null, Duration.ofSeconds(5)), clock), new DeploymentStore(db), new AttributionStore(db),
                new SmokegateMetrics("test").attribution(), clock);
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        db.close();
        connected.close();
    }

    private ClusterDeployMarkers reader() {
        return new ClusterDeployMarkers(List.of(clients.cluster()), new ClusterDeployMarkers.Settings(List.of(), "prod",
                EnumSet.allOf(ClusterDeployMarkers.Kind.class), ListLimits.DEFAULT));
    }

    @Test
    void markersReadAgainInALaterRoundAreStoredOnce() throws Exception {
        fake.create(ArgoApplications.checkoutDeployedTwice(SHA1, SHA2));

        assertEquals(2, service.readClusterMarkers(reader()));
        assertEquals(0, service.readClusterMarkers(reader()));

        List<String> stored = service.deployments(DeploymentStore.Query.ALL, 10).stream()
                .map(d -> d.marker().commit() + "@" + d.marker().time() + " " + d.marker().environment()).toList();
        assertEquals(List.of(SHA2 + "@2026-05-01T10:00:30Z prod", SHA1 + "@2026-05-01T09:00:20Z prod"), stored);
    }
}
