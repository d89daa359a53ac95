package io.smokegate.check.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.input.InvalidInputException;
import io.smokegate.testing.TestMeasures;
import io.smokegate.testing.kube.FakeCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kube.nodes} against a fake cluster whose API server reports v1.32.0. */
class NodesCheckTest extends FakeClusterChecks {

    private static final String SERVER = FakeCluster.GIT_VERSION;
    private static final String CHECK = "{id: nodes, type: kube.nodes%s}";

    /** A node as a kubelet reports it: every condition healthy unless named in {@code bad}. */
    static Node node(String name, String kubelet, String... bad) {
        List<String> wrong = List.of(bad);
        List<NodeCondition> conditions = new ArrayList<>();
        for (String pressure : List.of("MemoryPressure", "DiskPressure", "PIDPressure")) {
            boolean under = wrong.contains(pressure);
            conditions.add(condition(pressure, under ? "True" : "False",
                    "Kubelet" + (under ? "Has" : "HasNo") + pressure.replace("Pressure", "") + "Pressure"));
        }
        conditions.add(wrong.contains("NotReady") ? condition("Ready", "False", "KubeletNotReady")
                : condition("Ready", "True", "KubeletReady"));
        return new NodeBuilder()
                .withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name)
                .addToLabels("node.kubernetes.io/instance-type", "m6i.large").endMetadata()
                .withNewSpec().withProviderID("aws:///eu-west-1a/i-0" + Math.abs(name.hashCode()))
                .withUnschedulable(wrong.contains("cordoned") ? Boolean.TRUE : null).endSpec()
                .withNewStatus().withConditions(conditions)
                .withNewNodeInfo().withKubeletVersion(kubelet).withKubeProxyVersion(kubelet).withOsImage("Ubuntu 24.04.1 LTS")
                .withContainerRuntimeVersion("containerd://1.7.24").withKernelVersion("6.8.0-1019-aws")
                .withOperatingSystem("linux").withArchitecture("amd64").endNodeInfo()
                .endStatus().build();
    }

    private static NodeCondition condition(String type, String status, String reason) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withLastHeartbeatTime("2025-06-01T10:00:00Z").withLastTransitionTime("2025-05-01T10:00:00Z").build();
    }

    private CheckResult nodes(String with) throws InvalidInputException {
        return check(CHECK.formatted(with.isEmpty() ? "" : ", with: {" + with + "}"));
    }

    private CheckResult failingWith(String with) throws InvalidInputException {
        return failing(CHECK.formatted(with.isEmpty() ? "" : ", with: {" + with + "}"));
    }

    @Test
    void readyNodesWithinTheSkewPolicyPass() throws Exception {
        fake.create(node("node-a", "v1.32.0"), node("node-b", "v1.31.4"), node("node-c", "v1.29.10"));

        CheckResult result = nodes("");

        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertEquals("3 of 3 nodes Ready, no pressure; kubelets within 3 minor versions of the API server " + SERVER,
                result.message());
        assertEquals(3.0, TestMeasures.value(result, KubeFamily.NODES));
        assertEquals(3.0, TestMeasures.value(result, KubeFamily.NODES_READY));
        assertEquals("fake", result.details().get("context"));
        assertEquals(Map.of("v1.29.10", 1, "v1.31.4", 1, "v1.32.0", 1), result.details().get("kubeletVersions"));
    }

    @Test
    void aNodeThatIsNotReadyFailsTheCheckNamingItAndItsReason() throws Exception {
        fake.create(node("node-a", "v1.32.0"), node("node-b", "v1.32.0", "NotReady"), node("node-c", "v1.32.0"));

        CheckResult result = failingWith("");

        assertEquals("1 of 3 nodes unhealthy: node-b: not Ready (KubeletNotReady)", result.message());
        assertEquals(2.0, TestMeasures.value(result, KubeFamily.NODES_READY));
        assertEquals(3.0, TestMeasures.value(result, KubeFamily.NODES));
    }

    @Test
    void memoryDiskAndPidPressureAreEachNamed() throws Exception {
        fake.create(node("node-a", "v1.32.0", "MemoryPressure", "DiskPressure"), node("node-b", "v1.32.0"),
                node("node-c", "v1.32.0", "PIDPressure"));

        assertEquals("2 of 3 nodes unhealthy: node-a: MemoryPressure, DiskPressure; node-c: PIDPressure",
                failingWith("").message());
    }

    @Test
    void aCordonedNodeFailsWhenNoneIsAllowed() throws Exception {
        fake.create(node("node-a", "v1.32.0"), node("node-b", "v1.32.0", "cordoned"));

        assertEquals("1 of 2 nodes unhealthy: node-b: unschedulable (1 cordoned, allowUnschedulable 0)",
                failingWith("").message());
    }

    @Test
    void cordonedNodesWithinAllowUnschedulablePass() throws Exception {
        fake.create(node("node-a", "v1.32.0"), node("node-b", "v1.32.0", "cordoned"));

        CheckResult result = nodes("allowUnschedulable: 1");

        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertEquals("2 of 2 nodes Ready, no pressure, 1 unschedulable (allowed); kubelets within 3 minor versions of "
                + "the API server " + SERVER, result.message());
        assertEquals(List.of("node-b"), result.details().get("unschedulable"));
    }

    @Test
    void allowUnschedulableTrueAcceptsAnyNumberOfCordonedNodes() throws Exception {
        fake.create(node("node-a", "v1.32.0", "cordoned"), node("node-b", "v1.32.0", "cordoned"));

        assertEquals(CheckStatus.PASSED, nodes("allowUnschedulable: true").status());
    }

    @Test
    void moreCordonedNodesThanAllowedFailNamingEach() throws Exception {
        fake.create(node("node-a", "v1.32.0", "cordoned"), node("node-b", "v1.32.0", "cordoned"));

        assertEquals("2 of 2 nodes unhealthy: node-a: unschedulable (2 cordoned, allowUnschedulable 1); "
                + "node-b: unschedulable (2 cordoned, allowUnschedulable 1)", failingWith("allowUnschedulable: 1").message());
    }

    @Test
    void aKubeletMoreThanThreeMinorVersionsBehindTheApiServerFails() throws Exception {
        fake.create(node("node-a", "v1.32.0"), node("node-old", "v1.28.15"));

        assertEquals("1 of 2 nodes unhealthy: node-old: kubelet v1.28.15 is 4 minor versions behind the API server "
                + SERVER + " (at most 3: maxKubeletSkew)", failingWith("").message());
    }

    @Test
    void aKubeletNewerThanTheApiServerFails() throws Exception {
        fake.create(node("node-new", "v1.33.1"));

        assertEquals("1 of 1 node unhealthy: node-new: kubelet v1.33.1 is newer than the API server " + SERVER
                + " (never allowed)", failingWith("").message());
    }

    @Test
    void maxKubeletSkewNarrowsThePolicy() throws Exception {
        fake.create(node("node-a", "v1.30.8-eks-2d5f260"));

        assertEquals("1 of 1 node unhealthy: node-a: kubelet v1.30.8-eks-2d5f260 is 2 minor versions behind the API "
                + "server " + SERVER + " (at most 1: maxKubeletSkew)", failingWith("maxKubeletSkew: 1").message());
    }

    @Test
    void theMessageNamesTheFirstThreeBadNodesAndCountsTheRest() throws Exception {
        for (int i = 1; i <= 5; i++) {
            fake.create(node("node-" + i, "v1.32.0", "NotReady"));
        }

        CheckResult result = failingWith("");

        assertEquals("5 of 5 nodes unhealthy: node-1: not Ready (KubeletNotReady); node-2: not Ready (KubeletNotReady); "
                + "node-3: not Ready (KubeletNotReady) (+2 more)", result.message());
        assertEquals(5, ((List<?>) result.details().get("failures")).size());
    }

    @Test
    void everyPageOfTheNodeListIsRead() throws Exception {
        for (String name : List.of("node-a", "node-b", "node-c", "node-d")) {
            fake.create(node(name, "v1.32.0"));
        }
        fake.create(node("node-e", "v1.32.0", "NotReady"));
        checklist.pageSize(2);

        CheckResult result = failingWith("");

        assertEquals("1 of 5 nodes unhealthy: node-e: not Ready (KubeletNotReady)", result.message());
        List<String> lists = fake.requests("GET", "/api/v1/nodes");
        assertEquals(3, lists.size(), lists.toString());
        assertTrue(lists.stream().allMatch(r -> r.contains("limit=2")), lists.toString());
    }

    @Test
    void aClusterWithoutNodesFails() throws Exception {
        CheckResult result = failingWith("");

        assertEquals("the cluster has no nodes", result.message());
        assertEquals(0.0, TestMeasures.value(result, KubeFamily.NODES));
    }

    @Test
    void allowUnschedulableMustBeACountOrABoolean() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> nodes("allowUnschedulable: some"));

        assertTrue(e.getMessage().contains("'some' is neither a count nor true/false"), e.getMessage());
    }
}
