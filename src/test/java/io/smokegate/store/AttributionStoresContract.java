package io.smokegate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.attribution.DeployMarker;
import io.smokegate.run.RunIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link DeploymentStore} and {@link AttributionStore} promise, on SQLite and PostgreSQL alike. */
abstract class AttributionStoresContract {

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    Database db;
    DeploymentStore deployments;
    AttributionStore attributions;

    abstract Database openEmptyDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        db = openEmptyDatabase();
        Migrations.apply(db);
        deployments = new DeploymentStore(db);
        attributions = new AttributionStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private DeployMarker marker(String service, String environment, int minutes) {
        return new DeployMarker(service, environment, "https://github.com/acme/shop", "abc" + minutes, T0.plusSeconds(60L * minutes));
    }

    private void stored(DeployMarker... markers) throws StoreException {
        for (DeployMarker m : markers) {
            deployments.add(RunIds.next(), m, T0);
        }
    }

    private AttributionStore.Stored attribution(String fingerprint, int minutes, String alertname, String service) {
        return new AttributionStore.Stored(RunIds.next(), fingerprint, T0.plusSeconds(60L * minutes), alertname, service,
                "high", T0.plusSeconds(60L * minutes + 1), null, null, "{\"confidence\":\"high\"}");
    }

    @Test
    void deploymentsAreListedNewestFirstAndBounded() throws StoreException {
        for (int m = 0; m < 5; m++) {
            deployments.add(RunIds.next(), marker("checkout", "prod", m), T0);
        }
        List<DeploymentStore.Deployment> listed = deployments.list(DeploymentStore.Query.ALL, 3);
        assertEquals(List.of("abc4", "abc3", "abc2"), listed.stream().map(d -> d.marker().commit()).toList());
        assertEquals(marker("checkout", "prod", 4), listed.get(0).marker());
    }

    @Test
    void theLatestDeployOfEachServiceAndEnvironmentIsListedByServiceAndBounded() throws StoreException {
        stored(marker("checkout", "prod", 1), marker("checkout", "prod", 7), marker("checkout", "staging", 9),
                marker("cart", "prod", 3));

        assertEquals(List.of(new DeploymentStore.Latest("cart", "prod", T0.plusSeconds(180)),
                new DeploymentStore.Latest("checkout", "prod", T0.plusSeconds(420)),
                new DeploymentStore.Latest("checkout", "staging", T0.plusSeconds(540))), deployments.latest(10));
        assertEquals(2, deployments.latest(2).size());
    }

    @Test
    void aDeploymentWithoutACommitKeepsItsVersionAndSource() throws StoreException {
        DeployMarker rollout = new DeployMarker("checkout", "prod", "", null, T0, "ghcr.io/acme/checkout:1.4.2", "replicaset");
        deployments.add(RunIds.next(), rollout, T0);
        assertEquals(rollout, deployments.list(DeploymentStore.Query.ALL, 10).get(0).marker());
    }

    @Test
    void theSameDeployReadTwiceIsStoredOnce() throws StoreException {
        DeployMarker argo = new DeployMarker("checkout", "prod", "https://github.com/acme/shop", "abc1", T0, null, "argocd");
        DeployMarker sameFromReplicaSet = new DeployMarker("checkout", "prod", "", "abc1", T0, null, "replicaset");
        DeployMarker rollout = new DeployMarker("checkout", "prod", "", null, T0, "ghcr.io/acme/checkout:1.4.2", "replicaset");

        assertTrue(deployments.addIfAbsent(RunIds.next(), argo, T0));
        assertFalse(deployments.addIfAbsent(RunIds.next(), argo, T0.plusSeconds(300)));
        assertFalse(deployments.addIfAbsent(RunIds.next(), sameFromReplicaSet, T0.plusSeconds(300)));
        assertTrue(deployments.addIfAbsent(RunIds.next(), rollout, T0));
        assertFalse(deployments.addIfAbsent(RunIds.next(), rollout, T0.plusSeconds(300)));

        assertEquals(List.of(argo, rollout), deployments.list(DeploymentStore.Query.ALL, 10).stream()
                .map(DeploymentStore.Deployment::marker).sorted(java.util.Comparator.comparing(m -> m.source())).toList());
    }

    @Test
    void deploymentsAreFilteredByServiceEnvironmentAndTime() throws StoreException {
        stored(marker("checkout", "prod", 1), marker("checkout", "staging", 2), marker("cart", "prod", 3),
                marker("checkout", "prod", 10));
        assertEquals(List.of("abc10", "abc1"), commits(new DeploymentStore.Query("checkout", "prod", null, null)));
        assertEquals(List.of("abc1"), commits(new DeploymentStore.Query("checkout", "prod", null, T0.plusSeconds(60))));
        assertEquals(List.of("abc3", "abc2"), commits(new DeploymentStore.Query(null, null, T0.plusSeconds(120),
                T0.plusSeconds(180))));
    }

    private List<String> commits(DeploymentStore.Query q) throws StoreException {
        return deployments.list(q, 100).stream().map(d -> d.marker().commit()).toList();
    }

    @Test
    void aSavedAttributionIsFoundByIdAndByAlert() throws StoreException {
        AttributionStore.Stored a = attribution("a1b2", 0, "HighErrorRate", "checkout");
        assertEquals(a, attributions.save(a));
        assertEquals(a, attributions.find(a.id()).orElseThrow());
        assertEquals(a, attributions.find("a1b2", T0).orElseThrow());
        assertTrue(attributions.find(RunIds.next()).isEmpty());
    }

    @Test
    void aSecondSaveOfTheSameAlertKeepsTheFirst() throws StoreException {
        AttributionStore.Stored first = attribution("a1b2", 0, "HighErrorRate", "checkout");
        attributions.save(first);
        assertEquals(first, attributions.save(attribution("a1b2", 0, "HighErrorRate", "checkout")));
        assertEquals(1, attributions.list(AttributionStore.Query.ALL, 100).size());
    }

    @Test
    void concurrentSavesOfOneAlertStoreOneAttribution() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<AttributionStore.Stored>> saves = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                saves.add(() -> attributions.save(attribution("ffff", 0, "HighErrorRate", "checkout")));
            }
            Set<String> ids = new HashSet<>();
            for (Future<AttributionStore.Stored> f : pool.invokeAll(saves, 30, TimeUnit.SECONDS)) {
                ids.add(f.get().id());
            }
            assertEquals(1, ids.size());
            assertEquals(1, attributions.list(AttributionStore.Query.ALL, 100).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anotherOccurrenceOfTheSameAlertIsAnotherAttribution() throws StoreException {
        attributions.save(attribution("a1b2", 0, "HighErrorRate", "checkout"));
        attributions.save(attribution("a1b2", 30, "HighErrorRate", "checkout"));
        assertEquals(2, attributions.list(new AttributionStore.Query("a1b2", null, null, null, null), 100).size());
    }

    @Test
    void attributionsAreFilteredAndListedByLatestStartFirst() throws StoreException {
        attributions.save(attribution("aa", 1, "HighErrorRate", "checkout"));
        attributions.save(attribution("bb", 2, "HighLatency", "checkout"));
        attributions.save(attribution("cc", 3, "HighErrorRate", "cart"));
        attributions.save(attribution("dd", 4, "HighErrorRate", null));
        assertEquals(List.of("dd", "cc", "aa"), fingerprints(new AttributionStore.Query(null, "HighErrorRate", null, null, null)));
        assertEquals(List.of("bb", "aa"), fingerprints(new AttributionStore.Query(null, null, "checkout", null, null)));
        assertEquals(List.of("cc", "bb"), fingerprints(new AttributionStore.Query(null, null, null, T0.plusSeconds(120),
                T0.plusSeconds(180))));
        assertEquals(List.of("bb"), fingerprints(new AttributionStore.Query("bb", null, null, null, null)));
        assertEquals(List.of("dd", "cc"), attributions.list(AttributionStore.Query.ALL, 2).stream()
                .map(AttributionStore.Stored::fingerprint).toList());
    }

    private List<String> fingerprints(AttributionStore.Query q) throws StoreException {
        return attributions.list(q, 100).stream().map(AttributionStore.Stored::fingerprint).toList();
    }

    @Test
    void resolvingRecordsTheResolutionAndTheRecoveryTimeOnce() throws StoreException {
        AttributionStore.Stored a = attributions.save(attribution("a1b2", 0, "HighErrorRate", "checkout"));
        assertTrue(attributions.resolve("a1b2", T0, T0.plusSeconds(754)));
        assertFalse(attributions.resolve("a1b2", T0, T0.plusSeconds(9999)));
        AttributionStore.Stored resolved = attributions.find(a.id()).orElseThrow();
        assertEquals(T0.plusSeconds(754), resolved.resolvedAt());
        assertEquals(754L, resolved.recoverySeconds());
    }

    @Test
    void resolvingAnAlertWithoutAttributionChangesNothing() throws StoreException {
        assertFalse(attributions.resolve("a1b2", T0, T0.plusSeconds(60)));
        assertTrue(attributions.list(AttributionStore.Query.ALL, 10).isEmpty());
    }
}
