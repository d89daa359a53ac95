package io.smokegate.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckContext;
import io.smokegate.check.CheckRegistry;
import io.smokegate.check.kube.Clusters;
import io.smokegate.checklist.ChecklistCatalog;
import io.smokegate.checklist.ChecklistLoader;
import io.smokegate.input.SafeYaml;
import io.smokegate.kube.KubeSettings;
import io.smokegate.testing.kube.FakeCluster;
import io.smokegate.testing.kube.SimulatedChaosController;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped chaos-scenarios/demo.yaml, with its checklist checklists/chaos-demo.yaml, against what
 * bench/fake-cluster.sh --chaos-controller serves (bench/fake-cluster/chaos-demo.yaml and the simulated controller):
 * the README's "try it without a cluster" passes end to end in about half a minute.
 */
class DemoScenarioTest {

    @TempDir
    Path dir;

    @Test
    void theDemoScenarioPassesAgainstTheFakeClusterInAboutHalfAMinute() throws Exception {
        ChaosScenario scenario = new ChaosScenarioLoader(
                new ChecklistCatalog(Path.of("checklists"), new ChecklistLoader(CheckRegistry.standard(), name -> "unset")),
                new SafeYaml()).load(Path.of("chaos-scenarios/demo.yaml"));
        try (FakeCluster cluster = FakeCluster.start(); CheckContext checks = CheckContext.standalone(dir)) {
            SimulatedChaosController.attach(cluster);
            cluster.load(Path.of("bench/fake-cluster/chaos-demo.yaml"));
            Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
            checks.with(KubeSettings.class, KubeSettings.defaults().withKubeconfig(kubeconfig));
            // No allowlist, as with the CLI's defaults: namespace demo opts in with chaos-mesh.org/inject=enabled.
            ChaosSettings settings = ChaosSettings.defaults();
            ChaosMesh mesh = new ChaosMesh(Clusters.of(checks).cluster(null), settings);
            ExperimentRunner runner = new ExperimentRunner(mesh, checks, null, settings, Clock.systemUTC(), run -> {
            });

            ExperimentReport report = runner.run(scenario, ExperimentRunner.Start.now("test", "cli", Owner.thisCli()),
                    new ExperimentControl(), ExperimentRunner.Listener.NONE);

            assertEquals(ExperimentVerdict.PASS, report.verdict(), report.message());
            assertEquals(List.of(ExperimentReport.Removal.REMOVED),
                    report.resources().stream().map(ExperimentReport.InjectedResource::removal).toList());
            assertEquals(List.of(1, 3, 1), report.phases().stream().map(p -> p.runs().size()).toList(),
                    "one steady-state run, 3 under the fault, recovered at the first");
            Duration took = Duration.between(report.startedAt(), report.finishedAt());
            assertTrue(took.compareTo(Duration.ofSeconds(60)) < 0, "the demo takes well under a minute, took " + took);
            assertTrue(mesh.managed("demo").isEmpty(), "no chaos object left: " + mesh.managed("demo"));
        }
    }
}
