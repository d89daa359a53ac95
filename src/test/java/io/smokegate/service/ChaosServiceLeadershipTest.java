package io.smokegate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.chaos.ChaosMesh;
import io.smokegate.chaos.ChaosScenarioLoader;
import io.smokegate.check.CheckContext;
import io.smokegate.check.CheckRegistry;
import io.smokegate.checklist.ChecklistCatalog;
import io.smokegate.checklist.ChecklistLoader;
import io.smokegate.config.ChaosConfig;
import io.smokegate.input.SafeYaml;
import io.smokegate.kube.KubeClients;
import io.smokegate.kube.KubeEnvironment;
import io.smokegate.kube.KubeSettings;
import io.smokegate.leader.LeaderElection;
import io.smokegate.metrics.SmokegateMetrics;
import io.smokegate.store.AuditStore;
import io.smokegate.store.Database;
import io.smokegate.store.ExperimentStore;
import io.smokegate.store.Migrations;
import io.smokegate.testing.kube.FakeCluster;
import io.smokegate.testing.kube.OrphanedFault;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With several replicas only the leader sweeps: a follower leaves the faults of a dead replica to it. */
class ChaosServiceLeadershipTest {

    /** Leadership a test hands out and takes away. */
    static final class ManualElection implements LeaderElection {
        private final List<Listener> listeners = new CopyOnWriteArrayList<>();
        private volatile boolean leading;

        @Override
        public boolean isLeader() {
            return leading;
        }

        @Override
        public void onChange(Listener listener) {
            listeners.add(listener);
        }

        @Override
        public void start() {
        }

        @Override
        public String describe() {
            return "manual";
        }

        @Override
        public void close() {
        }

        void lead() {
            leading = true;
            listeners.forEach(l -> l.leadership(true));
        }
    }

    @TempDir
    Path dir;

    private Vertx vertx;
    private FakeCluster cluster;
    private KubeClients clients;
    private Database database;
    private CheckContext checks;
    private ChaosService chaos;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        cluster = FakeCluster.start();
        cluster.create("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n");
        clients = new KubeClients(KubeSettings.defaults().withKubeconfig(cluster.writeKubeconfig(dir.resolve("config")))
                .withCallTimeout(Duration.ofSeconds(2)), KubeEnvironment.of(Map.of(), dir, dir.resolve("sa")), () -> vertx);
        database = Database.sqlite(dir.resolve("data"), Duration.ofSeconds(5));
        Migrations.apply(database);
        checks = CheckContext.standalone(dir.resolve("data"));
        ChaosConfig config = ChaosConfig.defaults().withEnabled(true)
                .withScenariosDir(Files.createDirectories(dir.resolve("scenarios"))).withAllowedNamespaces(List.of("demo"));
        ChecklistCatalog catalog = new ChecklistCatalog(Files.createDirectories(dir.resolve("checklists")),
                new ChecklistLoader(CheckRegistry.standard(), name -> null));
        chaos = new ChaosService(config, new ChaosScenarioLoader(catalog, new SafeYaml()),
                () -> new ChaosMesh(clients.cluster(), ChaosService.settings(config)), checks, null, report -> { },
                new ExperimentStore(database), new AuditTrail(new AuditStore(database), Clock.systemUTC()),
                new SmokegateMetrics("test").chaos(), "replica-alive", replica -> Optional.of(false), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        chaos.close();
        checks.close();
        database.close();
        clients.close();
        cluster.close();
        vertx.close().await();
    }

    private int orphans() {
        return clients.cluster().call(new io.smokegate.kube.KubeOp.OnPath("get", "/apis/chaos-mesh.org/v1alpha1/namespaces/demo/networkchaos"),
                c -> c.genericKubernetesResources("chaos-mesh.org/v1alpha1", "NetworkChaos").inNamespace("demo").list()
                        .getItems().size());
    }

    @Test
    void aFollowerLeavesADeadReplicasFaultAloneAndSweepsItWhenItBecomesLeader() throws Exception {
        // A replica on another node, which the ledger reports dead (its heartbeat is stale).
        String dead = "serve/node-b/4242/0/replica-dead";
        cluster.create(OrphanedFault.networkChaos(dead, "{namespaces: [demo]}"));
        ManualElection election = new ManualElection();

        chaos.start(Duration.ofMillis(100), election);
        Thread.sleep(1000);
        assertEquals(1, orphans(), "a follower does not sweep");

        election.lead();
        for (int i = 0; i < 100 && orphans() > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, orphans(), "the new leader swept the dead replica's fault");
    }
}
