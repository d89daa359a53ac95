package io.smokegate.check.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.testing.TestMeasures;
import io.smokegate.testing.kube.FakeCluster;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** {@code kube.apiserver}: timed requests and /readyz against a fake cluster. */
class ApiServerCheckTest extends FakeClusterChecks {

    private static final String MS = "\\d+\\.\\d ms";
    private static final String PODS = "/api/v1/namespaces/default/pods";

    private CheckResult apiserver(String with) throws Exception {
        return check("{id: api, type: kube.apiserver, timeout: 20s, with: {" + with + "}}");
    }

    @Test
    void timedPodListsAndAHealthyReadyzPassWithTheQuantilesMeasured() throws Exception {
        CheckResult result = apiserver("requests: 5");

        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertTrue(result.message().matches("5 requests to " + PODS + "\\?limit=500: p50 " + MS + ", p95 " + MS + ", p99 "
                + MS + "; /readyz: 13 checks ok"), result.message());
        assertEquals(5, fake.requests("GET", PODS).size());
        assertTrue(fake.requests("GET", PODS).stream().allMatch(r -> r.endsWith("?limit=500")));
        assertEquals(List.of("GET /readyz?verbose"), fake.requests("GET", "/readyz"));
        String token = "Bearer " + FakeCluster.serviceAccountToken("smokegate", "smokegate");
        assertEquals(List.of(token), fake.authorizations().stream().distinct().toList(), "every request authenticated");
        double p50 = TestMeasures.value(result, KubeFamily.APISERVER_LATENCY, "0.5");
        double p99 = TestMeasures.value(result, KubeFamily.APISERVER_LATENCY, "0.99");
        assertTrue(p50 > 0 && p50 <= TestMeasures.value(result, KubeFamily.APISERVER_LATENCY, "0.95") && p99 < 5, result.measurements().toString());
        assertEquals(0.0, TestMeasures.value(result, KubeFamily.APISERVER_READYZ_FAILED));
    }

    @Test
    void theNamespaceParameterPicksThePodListTimed() throws Exception {
        apiserver("requests: 2, namespace: kube-system, readyz: false");

        assertEquals(2, fake.requests("GET", "/api/v1/namespaces/kube-system/pods").size());
        assertEquals(List.of(), fake.requests("GET", "/readyz"));
    }

    @Test
    void aSlowApiServerFailsTheLatencyThresholdsItExceeds() throws Exception {
        fake.delay("GET", PODS, Duration.ofMillis(150));

        CheckResult result = apiserver("requests: 3, maxP50: 50ms, maxP95: 10s, maxP99: 100ms");

        assertEquals(CheckStatus.FAILED, result.status(), result.message());
        // At least the 150 ms delay; a busy machine may add to it.
        assertTrue(result.message().matches("p50 \\d{3,}\\.\\d ms exceeds maxP50 50ms; p99 \\d{3,}\\.\\d ms exceeds maxP99 "
                + "100ms \\(3 requests to " + PODS + "\\?limit=500: .*\\)"), result.message());
        assertTrue(TestMeasures.value(result, KubeFamily.APISERVER_LATENCY, "0.5") >= 0.15);
    }

    @Test
    void failedReadyzChecksAreListedByName() throws Exception {
        fake.readyz("etcd", "informer-sync");

        CheckResult result = apiserver("requests: 1");

        assertEquals(CheckStatus.FAILED, result.status(), result.message());
        assertTrue(result.message().matches("/readyz lists 2 failed: etcd, informer-sync \\(1 request to .*\\)"),
                result.message());
        assertEquals(List.of("etcd", "informer-sync"), result.details().get("readyzFailed"));
        assertEquals(2.0, TestMeasures.value(result, KubeFamily.APISERVER_READYZ_FAILED));
    }

    @Test
    void aCustomPathIsTheOneTimed() throws Exception {
        CheckResult result = apiserver("requests: 2, path: \"/apis/apps/v1/namespaces/kube-system/deployments?limit=50\", readyz: false");

        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertEquals(List.of("GET /apis/apps/v1/namespaces/kube-system/deployments?limit=50",
                "GET /apis/apps/v1/namespaces/kube-system/deployments?limit=50"),
                fake.requests("GET", "/apis/apps/v1/namespaces/kube-system/deployments"));
    }

    @Test
    void anErrorAnswerFailsWithTheServersMessage() throws Exception {
        fake.answer("GET", PODS, 500, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"etcdserver: request timed out\",\"reason\":\"InternalError\",\"code\":500}");

        CheckResult result = apiserver("requests: 3");

        assertEquals(CheckStatus.FAILED, result.status(), result.message());
        assertEquals("context 'fake': 'list' on 'pods' (v1) in namespace 'default' failed with HTTP 500 InternalError: "
                + "etcdserver: request timed out", result.message());
    }

    @Test
    void aForbiddenPodListFailsNamingThePermission() throws Exception {
        fake.forbid(FakeCluster.SERVICE_ACCOUNT, "list", "", "pods", "default");

        CheckResult result = apiserver("requests: 3");

        assertEquals(CheckStatus.FAILED, result.status(), result.message());
        assertEquals("forbidden: smokegate needs 'list' on 'pods' (v1) in namespace 'default' (service account "
                + "system:serviceaccount:smokegate:smokegate); grant it with a Role/ClusterRole", result.message());
    }

    @Test
    void quantilesAreNearestRank() {
        long[] hundred = LongStream.rangeClosed(1, 100).toArray();
        long[] ten = LongStream.rangeClosed(1, 10).toArray();

        assertEquals(50, ApiServerCheck.quantile(hundred, 0.5));
        assertEquals(95, ApiServerCheck.quantile(hundred, 0.95));
        assertEquals(99, ApiServerCheck.quantile(hundred, 0.99));
        assertEquals(5, ApiServerCheck.quantile(ten, 0.5));
        assertEquals(10, ApiServerCheck.quantile(ten, 0.95));
        assertEquals(1, ApiServerCheck.quantile(new long[] {1}, 0.99));
    }
}
