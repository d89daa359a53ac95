package io.smokegate.check.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.testing.TestMeasures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kube.workloads} on Deployments, StatefulSets and DaemonSets with the status their controllers write. */
class WorkloadsCheckTest extends FakeClusterChecks {

    private static final String NS = "athens";

    private static PodTemplateSpec template(String app) {
        return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", app).endMetadata()
                .withNewSpec().addNewContainer().withName(app).withImage("gomods/athens:v0.15.4").endContainer().endSpec()
                .build();
    }

    /** A Deployment as the controller leaves it: {@code ready} and {@code updated} of {@code replicas}, generation 1 seen. */
    static Deployment deployment(String name, int replicas, int ready, int updated) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).addToLabels("app.kubernetes.io/part-of", "athens")
                .endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withTemplate(template(name)).endSpec()
                .withNewStatus().withObservedGeneration(1L).withReplicas(replicas).withReadyReplicas(ready)
                .withAvailableReplicas(ready).withUpdatedReplicas(updated).endStatus()
                .build();
    }

    static StatefulSet statefulSet(String name, int replicas, int ready) {
        return new StatefulSetBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName(name).withNewSelector().addToMatchLabels("app", name)
                .endSelector().withTemplate(template(name)).endSpec()
                .withNewStatus().withObservedGeneration(1L).withReplicas(replicas).withReadyReplicas(ready)
                .withCurrentReplicas(replicas).withUpdatedReplicas(replicas).withCurrentRevision(name + "-7c9d8b6f5")
                .withUpdateRevision(name + "-7c9d8b6f5").endStatus()
                .build();
    }

    static DaemonSet daemonSet(String name, int desired, int ready) {
        return new DaemonSetBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector().withTemplate(template(name))
                .endSpec()
                .withNewStatus().withObservedGeneration(1L).withDesiredNumberScheduled(desired).withCurrentNumberScheduled(desired)
                .withNumberReady(ready).withNumberAvailable(ready).withUpdatedNumberScheduled(desired)
                .withNumberMisscheduled(0).endStatus()
                .build();
    }

    /** A running pod of {@code app} whose container is in the given state. */
    static Pod pod(String name, String app, ContainerStatus status) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).addToLabels("app", app)
                .addToLabels("pod-template-hash", "7d4b9c").endMetadata()
                .withNewSpec().addNewContainer().withName(app).withImage("gomods/athens:v0.15.4").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withContainerStatuses(status).endStatus()
                .build();
    }

    static ContainerStatus running(String container, int restarts) {
        return new ContainerStatusBuilder().withName(container).withImage("gomods/athens:v0.15.4").withReady(true)
                .withRestartCount(restarts).withStarted(true)
                .withNewState().withNewRunning().withStartedAt("2025-06-01T10:00:00Z").endRunning().endState().build();
    }

    static ContainerStatus waiting(String container, String reason, int restarts) {
        return new ContainerStatusBuilder().withName(container).withImage("gomods/athens:v0.15.4").withReady(false)
                .withRestartCount(restarts).withStarted(false)
                .withNewState().withNewWaiting().withReason(reason).withMessage("back-off 5m0s restarting failed container")
                .endWaiting().endState()
                .withNewLastState().withNewTerminated().withReason("Error").withExitCode(1).endTerminated().endLastState()
                .build();
    }

    static ContainerStatus oomKilledBefore(String container, int restarts) {
        return new ContainerStatusBuilder(running(container, restarts))
                .withNewLastState().withNewTerminated().withReason("OOMKilled").withExitCode(137)
                .withFinishedAt("2025-06-01T09:59:00Z").endTerminated().endLastState().build();
    }

    private static String athens(String with) {
        return "{id: w, type: kube.workloads, with: {namespaces: [athens]" + with + "}}";
    }

    private CheckResult workloads(String with) throws Exception {
        return check(athens(with));
    }

    private CheckResult failingWith(String with) throws Exception {
        return failing(athens(with));
    }

    @Test
    void readyRolledOutWorkloadsWithHealthyPodsPass() throws Exception {
        fake.create(deployment("proxy", 2, 2, 2), statefulSet("storage", 1, 1), daemonSet("agent", 3, 3),
                pod("proxy-7d4b9c-a", "proxy", running("proxy", 0)), pod("storage-0", "storage", running("storage", 2)));

        CheckResult result = workloads("");

        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertEquals("3 workloads healthy in namespace 'athens': 1 Deployment, 1 StatefulSet, 1 DaemonSet", result.message());
        assertEquals(1.0, TestMeasures.value(result, KubeFamily.WORKLOADS, "Deployment"));
        assertEquals(0.0, TestMeasures.value(result, KubeFamily.WORKLOADS_UNHEALTHY, "StatefulSet"));
        assertEquals(2.0, TestMeasures.value(result, KubeFamily.CONTAINER_RESTARTS_HIGHEST));
    }

    @Test
    void aDeploymentWithFewerReadyReplicasThanDesiredFails() throws Exception {
        fake.create(deployment("proxy", 3, 1, 3));

        CheckResult result = failingWith("");

        assertEquals("1 of 1 workload unhealthy in namespace 'athens': Deployment/athens/proxy: 1/3 ready", result.message());
        assertEquals(1.0, TestMeasures.value(result, KubeFamily.WORKLOADS_UNHEALTHY, "Deployment"));
    }

    @Test
    void aRolloutInProgressFailsWithItsUpdatedReplicas() throws Exception {
        fake.create(deployment("proxy", 3, 3, 1));

        assertEquals("1 of 1 workload unhealthy in namespace 'athens': Deployment/athens/proxy: 1/3 updated",
                failingWith("").message());
    }

    @Test
    void aSpecTheControllerHasNotObservedYetFails() throws Exception {
        // The API server sets generation 1 on create (the fake cluster too); the controller has not caught up yet.
        Deployment stale = deployment("proxy", 2, 2, 2);
        stale.getStatus().setObservedGeneration(null);
        fake.create(stale);

        assertEquals("1 of 1 workload unhealthy in namespace 'athens': Deployment/athens/proxy: rollout not observed "
                + "(generation 1, observed none)", failingWith("").message());
    }

    @Test
    void aCrashLoopingPodFailsItsWorkloadNamingPodAndContainer() throws Exception {
        fake.create(deployment("proxy", 2, 1, 2), pod("proxy-7d4b9c-a", "proxy", running("proxy", 0)),
                pod("proxy-7d4b9c-b", "proxy", waiting("proxy", "CrashLoopBackOff", 4)));

        assertEquals("1 of 1 workload unhealthy in namespace 'athens': Deployment/athens/proxy: 1/2 ready, "
                + "pod proxy-7d4b9c-b container proxy in CrashLoopBackOff", failingWith("").message());
    }

    @Test
    void anImagePullFailureIsNamed() throws Exception {
        fake.create(daemonSet("agent", 1, 1), pod("agent-x7k2p", "agent", waiting("agent", "ImagePullBackOff", 0)));

        assertEquals("1 of 1 workload unhealthy in namespace 'athens': DaemonSet/athens/agent: "
                + "pod agent-x7k2p container agent in ImagePullBackOff", failingWith("").message());
    }

    @Test
    void aContainerLastKilledForMemoryIsNamed() throws Exception {
        fake.create(statefulSet("storage", 1, 1), pod("storage-0", "storage", oomKilledBefore("storage", 1)));

        assertEquals("1 of 1 workload unhealthy in namespace 'athens': StatefulSet/athens/storage: "
                + "pod storage-0 container storage OOMKilled", failingWith("").message());
    }

    @Test
    void restartsAboveMaxRestartsFail() throws Exception {
        fake.create(statefulSet("storage", 1, 1), pod("storage-0", "storage", running("storage", 3)));

        assertEquals("1 of 1 workload unhealthy in namespace 'athens': StatefulSet/athens/storage: "
                + "pod storage-0 container storage restarted 3 times (maxRestarts 2)", failingWith(", maxRestarts: 2").message());
        assertEquals(CheckStatus.PASSED, workloads(", maxRestarts: 3").status());
    }

    @Test
    void podsOfOtherAppsAreNotBlamedOnAWorkload() throws Exception {
        fake.create(deployment("proxy", 1, 1, 1), pod("proxy-7d4b9c-a", "proxy", running("proxy", 0)),
                pod("debug", "debug", waiting("debug", "CrashLoopBackOff", 40)));

        assertEquals(CheckStatus.PASSED, workloads("").status());
    }

    @Test
    void theSelectorPicksTheWorkloadsChecked() throws Exception {
        fake.create(deployment("proxy", 1, 1, 1), statefulSet("storage", 1, 0));

        CheckResult result = workloads(", selector: app.kubernetes.io/part-of=athens");

        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertEquals("1 workload healthy in namespace 'athens' matching selector 'app.kubernetes.io/part-of=athens': "
                + "1 Deployment", result.message());
    }

    @Test
    void kindsLimitsTheKindsChecked() throws Exception {
        fake.create(deployment("proxy", 1, 0, 1), statefulSet("storage", 1, 1));

        CheckResult result = workloads(", kinds: [StatefulSet]");

        assertEquals("1 workload healthy in namespace 'athens': 1 StatefulSet", result.message());
        assertEquals(List.of(), fake.requests("GET", "/apis/apps/v1/namespaces/athens/deployments"));
    }

    @Test
    void noMatchingWorkloadFailsSayingWhereItLooked() throws Exception {
        assertEquals("no Deployments, StatefulSets or DaemonSets in namespace 'athens' matching selector 'app=nothing'",
                failingWith(", selector: app=nothing").message());
    }

    @Test
    void everyNamespaceGivenIsChecked() throws Exception {
        Deployment other = deployment("coredns", 2, 1, 2);
        other.getMetadata().setNamespace("kube-system");
        fake.create(deployment("proxy", 1, 1, 1), other);

        CheckResult result = check("{id: w, type: kube.workloads, with: {namespaces: [athens, kube-system]}}");

        assertEquals("1 of 2 workloads unhealthy in namespaces athens, kube-system: Deployment/kube-system/coredns: 1/2 ready",
                result.message());
    }

    @Test
    void withoutNamespacesEveryNamespaceIsListedOnce() throws Exception {
        Deployment other = deployment("coredns", 2, 2, 2);
        other.getMetadata().setNamespace("kube-system");
        fake.create(deployment("proxy", 1, 1, 1), other);

        CheckResult result = check("{id: w, type: kube.workloads, with: {kinds: Deployment}}");

        assertEquals("2 workloads healthy in all namespaces: 2 Deployments", result.message());
        assertEquals(List.of("GET /apis/apps/v1/deployments?limit=500"), fake.requests("GET", "/apis/apps/v1/deployments"));
        assertEquals(List.of("GET /api/v1/pods?limit=500"), fake.requests("GET", "/api/v1/pods"));
    }

    @Test
    void everyPageOfWorkloadsAndPodsIsRead() throws Exception {
        for (String name : List.of("a", "b", "c", "d")) {
            fake.create(deployment(name, 1, 1, 1), pod(name + "-7d4b9c-a", name, running(name, 0)));
        }
        fake.create(deployment("e", 1, 1, 1), pod("e-7d4b9c-a", "e", waiting("e", "ErrImagePull", 0)));
        checklist.pageSize(2);

        CheckResult result = failingWith(", kinds: [Deployment]");

        assertEquals("1 of 5 workloads unhealthy in namespace 'athens': Deployment/athens/e: "
                + "pod e-7d4b9c-a container e in ErrImagePull", result.message());
        assertEquals(3, fake.requests("GET", "/apis/apps/v1/namespaces/athens/deployments").size());
        assertEquals(3, fake.requests("GET", "/api/v1/namespaces/athens/pods").size());
        assertEquals(Map.of("Deployment", 5), result.details().get("workloads"));
    }

    @Test
    void theMessageNamesTheFirstThreeOffendersAndCountsTheRest() throws Exception {
        for (String name : List.of("a", "b", "c", "d")) {
            fake.create(deployment(name, 2, 0, 2));
        }

        CheckResult result = failingWith("");

        assertTrue(result.message().endsWith("Deployment/athens/c: 0/2 ready (+1 more)"), result.message());
        assertEquals(4, ((List<?>) result.details().get("failures")).size());
    }
}
