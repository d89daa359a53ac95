package io.smokegate.techdebt.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.techdebt.ApiStatus;
import io.smokegate.techdebt.DeprecatedApiFinding;
import io.smokegate.techdebt.FakeClusterSourceTest;
import io.smokegate.techdebt.ReleaseVersion;
import io.smokegate.techdebt.Skipped;
import io.smokegate.techdebt.SourceResult;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.testing.kube.FakeCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API server's apiserver_requested_deprecated_apis gauge, read from a fake cluster's /metrics. */
class RequestedDeprecatedApisTest extends FakeClusterSourceTest {

    @AfterEach
    void reset() {
        fake.clearFaults();
        fake.metricsText(null);
        fake.clearRequests();
    }

    private static SourceResult scan(String k8sTarget) {
        TargetVersions targets = TargetVersions.newest(TABLE).with("k8s", ReleaseVersion.parse(k8sTarget).orElseThrow());
        return scan(fake, Duration.ofSeconds(2), clusters -> new RequestedDeprecatedApis(clusters, DeprecatedApiMetric.Limits.defaults()),
                targets);
    }

    @Test
    void eachRequestedApiIsAFindingJudgedByItsRemovedRelease() {
        fake.metricsText(DeprecatedApiMetricTest.PAGE);
        SourceResult result = scan("v1.24");
        assertEquals(List.of(
                new DeprecatedApiFinding("apiserver", null, 0, "componentstatuses", null, null, "v1", "", null, null, ApiStatus.DEPRECATED),
                new DeprecatedApiFinding("apiserver", null, 0, "cronjobs", null, null, "batch/v1beta1", "batch/v1",
                        new ReleaseVersion(1, 21, 0), new ReleaseVersion(1, 25, 0), ApiStatus.REMOVED_IN_NEXT),
                new DeprecatedApiFinding("apiserver", null, 0, "flowschemas/status", null, null, "flowcontrol.apiserver.k8s.io/v1beta3",
                        "flowcontrol.apiserver.k8s.io/v1", new ReleaseVersion(1, 29, 0), new ReleaseVersion(1, 32, 0),
                        ApiStatus.DEPRECATED)), result.deprecatedApis());
        assertEquals(Map.of("deprecatedApisRequested", 3L), result.figures());
        assertEquals(List.of(), result.skipped());
        assertEquals(List.of("GET /metrics"), fake.requests("GET", "/metrics"));
    }

    @Test
    void atTheRemovingReleaseTheRequestedApiIsRemoved() {
        fake.metricsText(DeprecatedApiMetricTest.PAGE);
        assertEquals(List.of(ApiStatus.DEPRECATED, ApiStatus.REMOVED, ApiStatus.REMOVED),
                scan("v1.32").deprecatedApis().stream().map(DeprecatedApiFinding::status).toList());
    }

    @Test
    void aForbiddenMetricsPageIsSkippedNamingThePermission() {
        fake.forbidPath(FakeCluster.SERVICE_ACCOUNT, "get", "/metrics");
        SourceResult result = scan("v1.32");
        assertEquals(List.of(), result.deprecatedApis());
        assertEquals(Map.of(), result.figures());
        assertEquals(List.of(new Skipped("apiserver", "the API server's apiserver_requested_deprecated_apis metric not read:"
                + " forbidden: smokegate needs 'get' on path '/metrics' (service account system:serviceaccount:smokegate:smokegate);"
                + " grant it with a ClusterRole with nonResourceURLs")), result.skipped());
    }

    @Test
    void aPageThatIsNotServedIsSkippedWithTheServersAnswer() {
        SourceResult result = scan("v1.32");
        assertEquals(List.of("the API server's apiserver_requested_deprecated_apis metric not read: context 'fake': 'get' on path"
                + " '/metrics' failed with HTTP 404 NotFound: the server could not find the requested resource"),
                result.skipped().stream().map(Skipped::reason).toList());
    }

    @Test
    void brokenLinesOfTheGaugeAreSkippedAndTheRestCounts() {
        fake.metricsText(DeprecatedApiMetricTest.PAGE + "apiserver_requested_deprecated_apis{group=\"apps\"} 1\n");
        SourceResult result = scan("v1.32");
        assertEquals(Map.of("deprecatedApisRequested", 3L), result.figures());
        assertEquals(List.of("/metrics line 19: not a sample of apiserver_requested_deprecated_apis (no label version)"),
                result.skipped().stream().map(Skipped::reason).toList());
    }

    @Test
    void theMetricsUrlKeepsThePathOfTheServer() {
        assertEquals("https://rancher.example.com/k8s/clusters/c-1/metrics",
                RawGet.url("https://rancher.example.com/k8s/clusters/c-1/", "metrics"));
        assertEquals("https://10.0.0.1:6443/metrics", RawGet.url("https://10.0.0.1:6443", "metrics"));
    }
}
