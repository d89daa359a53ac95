package io.smokegate.check.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.testing.Ports;
import io.smokegate.testing.kube.FakeCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every kube check does when the cluster refuses, is not there or does not answer: the check fails (the
 * target's fault, not the tool's) with the connection layer's message.
 */
class KubeCheckFailuresTest extends FakeClusterChecks {

    @Override
    String[] contexts() {
        return new String[] {"east", "west"};
    }

    @BeforeEach
    void oneNode() {
        fake.create(NodesCheckTest.node("node-a", "v1.32.0"));
    }

    @Test
    void aForbiddenClusterWideListFailsNamingThePermissionAndTheServiceAccount() throws Exception {
        fake.forbid(FakeCluster.SERVICE_ACCOUNT, "list", "", "nodes", null);

        assertEquals("forbidden: smokegate needs 'list' on 'nodes' (v1) cluster-wide (service account "
                + "system:serviceaccount:smokegate:smokegate); grant it with a ClusterRole and ClusterRoleBinding",
                failing("{id: n, type: kube.nodes}").message());
    }

    @Test
    void aForbiddenListInOneNamespaceFailsNamingTheNamespace() throws Exception {
        fake.forbid(FakeCluster.SERVICE_ACCOUNT, "list", "apps", "statefulsets", "athens");

        assertEquals("forbidden: smokegate needs 'list' on 'statefulsets.apps' (apps/v1) in namespace 'athens' "
                + "(service account system:serviceaccount:smokegate:smokegate); grant it with a Role/ClusterRole",
                failing("{id: w, type: kube.workloads, with: {namespaces: [athens]}}").message());
    }

    @Test
    void anUnreachableApiServerFailsTheCheckNamingServerAndContext() throws Exception {
        String url = "http://127.0.0.1:" + Ports.free();
        Path config = Files.writeString(dir.resolve("unreachable"), fake.kubeconfig("east").replace(fake.url(), url));
        checklist.kubeconfig(config);

        assertEquals("cannot reach the Kubernetes API server " + url + " of context 'east': connection refused",
                failing("{id: n, type: kube.nodes}").message());
    }

    @Test
    void anApiServerThatDoesNotAnswerInTimeFailsWithTheCallTimeout() throws Exception {
        fake.delay("GET", "/api/v1/nodes", Duration.ofSeconds(3));
        checklist.callTimeout(Duration.ofMillis(500));

        assertEquals("the Kubernetes API server " + fake.url() + " of context 'east' did not answer 'list' on 'nodes' "
                + "(v1) cluster-wide within 500ms", failing("{id: n, type: kube.nodes, timeout: 10s}").message());
    }

    @Test
    void anUnknownContextFailsNamingTheKnownOnes() throws Exception {
        assertEquals("unknown Kubernetes context 'prod': no context 'prod' in kubeconfig " + dir.resolve("kubeconfig")
                + " (known contexts: east, west)",
                failing("{id: n, type: kube.nodes, with: {cluster: prod}}").message());
    }

    @Test
    void theClusterParameterPicksTheContext() throws Exception {
        CheckResult west = check("{id: n, type: kube.nodes, with: {cluster: west}}");
        CheckResult current = check("{id: n, type: kube.nodes}");

        assertEquals(CheckStatus.PASSED, west.status(), west.message());
        assertEquals("west", west.details().get("context"));
        assertEquals("east", current.details().get("context"));
    }
}
