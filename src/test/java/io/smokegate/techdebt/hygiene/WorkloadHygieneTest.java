package io.smokegate.techdebt.hygiene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.smokegate.kube.ListLimits;
import io.smokegate.techdebt.FakeClusterSourceTest;
import io.smokegate.techdebt.HygieneFinding;
import io.smokegate.techdebt.Skipped;
import io.smokegate.techdebt.SourceResult;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.testing.kube.FakeCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Workload hygiene over a fake cluster: PodDisruptionBudgets matched to workloads, figures, API faults. */
public class WorkloadHygieneTest extends FakeClusterSourceTest {

    /** The workloads of a shop: a guarded database, an unguarded cache, a guarded web tier, an unkept API. */
    public static void createShop(FakeCluster fake, String ns) {
        fake.create(new StatefulSetBuilder().withNewMetadata().withNamespace(ns).withName("db").endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().withMatchLabels(Map.of("app", "db")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "db", "tier", "data")).endMetadata()
                .withNewSpec().withContainers(HygieneRulesTest.good("postgres").build()).endSpec().endTemplate().endSpec().build());
        fake.create(new StatefulSetBuilder().withNewMetadata().withNamespace(ns).withName("cache").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(Map.of("app", "cache")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "cache", "tier", "data")).endMetadata()
                .withNewSpec().withContainers(HygieneRulesTest.good("redis").build()).endSpec().endTemplate().endSpec().build());
        fake.create(new DeploymentBuilder().withNewMetadata().withNamespace(ns).withName("web").endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec().withContainers(HygieneRulesTest.good("web").build()).endSpec().endTemplate().endSpec().build());
        fake.create(new DeploymentBuilder().withNewMetadata().withNamespace(ns).withName("api").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(Map.of("app", "api")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "api")).endMetadata()
                .withNewSpec().withContainers(HygieneRulesTest.good("api").withImage("shop/api:latest").withLivenessProbe(null).build())
                .endSpec().endTemplate().endSpec().build());
        fake.create(new DaemonSetBuilder().withNewMetadata().withNamespace(ns).withName("logs").endMetadata()
                .withNewSpec().withNewSelector().withMatchLabels(Map.of("app", "logs")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "logs")).endMetadata()
                .withNewSpec().withContainers(HygieneRulesTest.good("fluent-bit").withSecurityContext(null).build()).endSpec()
                .endTemplate().endSpec().build());
        // selects db by an In expression; cache, of the same tier, stays unguarded
        fake.create(new PodDisruptionBudgetBuilder().withNewMetadata().withNamespace(ns).withName("db").endMetadata()
                .withNewSpec().withMinAvailable(new io.fabric8.kubernetes.api.model.IntOrString(2))
                .withSelector(new LabelSelectorBuilder().withMatchExpressions(new LabelSelectorRequirement("app", "In", List.of("db", "queue")))
                        .build()).endSpec().build());
        fake.create(new PodDisruptionBudgetBuilder().withNewMetadata().withNamespace(ns).withName("web").endMetadata()
                .withNewSpec().withMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString(1))
                .withSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web")).build()).endSpec().build());
    }

    private static SourceResult scan(String namespace) {
        return scan(fake, Duration.ofSeconds(2), clusters -> new WorkloadHygiene(clusters, List.of(namespace), ListLimits.DEFAULT),
                TargetVersions.newest(TABLE));
    }

    @Test
    void everyFindingNamesItsObjectAndPdbsAreMatchedByTheirSelectors() {
        createShop(fake, "shop");
        SourceResult result = scan("shop");
        assertEquals(List.of(
                new HygieneFinding("missingPodDisruptionBudget", "Deployment", "shop", "api",
                        "no PodDisruptionBudget selects its pods (labels app=api): a node drain may evict all 2 replicas at once"),
                new HygieneFinding("livenessProbeMissing", "Deployment", "shop", "api", "container api: no livenessProbe"),
                new HygieneFinding("tagNotSpecified", "Deployment", "shop", "api", "image without a fixed tag in container api"
                        + " (shop/api:latest: the moving tag latest): what runs changes with the registry; pin a version or a digest"),
                new HygieneFinding("missingPodDisruptionBudget", "StatefulSet", "shop", "cache",
                        "no PodDisruptionBudget selects its pods (labels app=cache,tier=data): a node drain may evict all 2 replicas at once"),
                new HygieneFinding("runAsRootAllowed", "DaemonSet", "shop", "logs", "container fluent-bit: may run as root: neither"
                        + " it nor the pod sets runAsNonRoot: true or a runAsUser above 0")), result.hygiene());
        assertEquals("{cpuLimitsMissing=0, cpuRequestsMissing=0, deploymentMissingReplicas=0, deploymentsWithoutPdb=1,"
                + " hygieneWorkloads=5, livenessProbeMissing=1, memoryLimitsMissing=0, memoryRequestsMissing=0,"
                + " missingPodDisruptionBudget=2, readinessProbeMissing=0, runAsRootAllowed=1, statefulSetsWithoutPdb=1,"
                + " tagNotSpecified=1}", new TreeMap<>(result.figures()).toString());
        assertEquals(List.of(), result.skipped());
    }

    @Test
    void aPdbOfAnotherNamespaceDoesNotCount() {
        fake.create(new StatefulSetBuilder().withNewMetadata().withNamespace("lonely").withName("db").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(Map.of("app", "db")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "db")).endMetadata()
                .withNewSpec().withContainers(HygieneRulesTest.good("postgres").build()).endSpec().endTemplate().endSpec().build());
        fake.create(new PodDisruptionBudgetBuilder().withNewMetadata().withNamespace("elsewhere").withName("db").endMetadata()
                .withNewSpec().withSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "db")).build()).endSpec().build());
        assertEquals(List.of("missingPodDisruptionBudget"), scan("lonely").hygiene().stream().map(HygieneFinding::check).toList());
    }

    @Test
    void forbiddenBudgetsLeaveThePdbRuleAndItsFiguresOutAndSaySo() {
        createShop(fake, "no-pdbs");
        fake.forbid(FakeCluster.SERVICE_ACCOUNT, "list", "policy", "poddisruptionbudgets", "no-pdbs");
        try {
            SourceResult result = scan("no-pdbs");
            assertEquals(List.of("livenessProbeMissing", "tagNotSpecified", "runAsRootAllowed"),
                    result.hygiene().stream().map(HygieneFinding::check).toList());
            assertEquals(List.of("PodDisruptionBudgets not (fully) read: forbidden: smokegate needs 'list' on"
                    + " 'poddisruptionbudgets.policy' (policy/v1) in namespace 'no-pdbs' (service account"
                    + " system:serviceaccount:smokegate:smokegate); grant it with a Role/ClusterRole; the PodDisruptionBudget rule is left out"),
                    result.skipped().stream().map(Skipped::reason).toList());
            assertEquals(null, result.figures().get("statefulSetsWithoutPdb"));
            assertEquals(null, result.figures().get("missingPodDisruptionBudget"));
            assertEquals(1L, result.figures().get("tagNotSpecified"));
        } finally {
            fake.clearFaults();
        }
    }
}
