package io.smokegate.techdebt.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.smokegate.kube.ListLimits;
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
import org.junit.jupiter.api.Test;

/** Last-applied annotations on a fake cluster: findings, kinds passed over, unreadable annotations, API faults. */
public class LastAppliedConfigurationsTest extends FakeClusterSourceTest {

    private static final TargetVersions V1_32 = TargetVersions.newest(TABLE).with("k8s", new ReleaseVersion(1, 32, 0));

    /** The annotation as {@code kubectl apply} writes it: the applied manifest as JSON, keys in order, a newline. */
    public static String applied(String apiVersion, String kind, String namespace, String name) {
        return "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"" + kind + "\",\"metadata\":{\"annotations\":{},\"name\":\"" + name
                + "\"" + (namespace == null ? "" : ",\"namespace\":\"" + namespace + "\"") + "},\"spec\":{\"replicas\":2}}\n";
    }

    private static ObjectMetaBuilder meta(String namespace, String name, String annotation) {
        ObjectMetaBuilder meta = new ObjectMetaBuilder().withNamespace(namespace).withName(name);
        return annotation == null ? meta : meta.addToAnnotations(LastAppliedConfigurations.ANNOTATION, annotation);
    }

    public static HasMetadata deployment(String namespace, String name, String annotation) {
        return new DeploymentBuilder().withMetadata(meta(namespace, name, annotation).build()).withNewSpec().withReplicas(2)
                .endSpec().build();
    }

    private static SourceResult scan(FakeCluster cluster, List<String> namespaces, ListLimits limits, Duration timeout) {
        return scan(cluster, timeout, clusters -> new LastAppliedConfigurations(clusters, namespaces, LastAppliedConfigurations.KINDS,
                limits), V1_32);
    }

    private static SourceResult scan(String namespace) {
        return scan(fake, List.of(namespace), new ListLimits(250, 50_000), Duration.ofSeconds(2));
    }

    private static List<String> reasons(SourceResult result) {
        return result.skipped().stream().map(Skipped::reason).toList();
    }

    @Test
    void anAnnotationWithAnOldApiVersionIsAFindingOfTheObject() {
        fake.create(deployment("legacy", "web", applied("extensions/v1beta1", "Deployment", "legacy", "web")),
                deployment("legacy", "api", applied("apps/v1", "Deployment", "legacy", "api")),
                deployment("legacy", "patched", null),
                new CronJobBuilder().withMetadata(meta("legacy", "nightly", applied("batch/v1beta1", "CronJob", "legacy", "nightly"))
                        .build()).withNewSpec().withSchedule("0 3 * * *").endSpec().build());
        SourceResult result = scan("legacy");
        assertEquals(List.of(
                new DeprecatedApiFinding("last-applied", null, 0, "Deployment", "web", "legacy", "extensions/v1beta1", "apps/v1",
                        new ReleaseVersion(1, 9, 0), new ReleaseVersion(1, 16, 0), ApiStatus.REMOVED),
                new DeprecatedApiFinding("last-applied", null, 0, "CronJob", "nightly", "legacy", "batch/v1beta1", "batch/v1",
                        new ReleaseVersion(1, 21, 0), new ReleaseVersion(1, 25, 0), ApiStatus.REMOVED)), result.deprecatedApis());
        assertEquals(Map.of("lastAppliedObjects", 3L), result.figures());
        assertEquals(List.of(), result.skipped());
    }

    @Test
    void anAnnotationOfAnotherKindIsPassedOver() {
        fake.create(deployment("copied", "web", applied("extensions/v1beta1", "DaemonSet", "copied", "web")));
        SourceResult result = scan("copied");
        assertEquals(List.of(), result.deprecatedApis());
        assertEquals(Map.of("lastAppliedObjects", 0L), result.figures());
        assertEquals(List.of(), result.skipped());
    }

    @Test
    void aForbiddenKindIsSkippedAndTheOtherKindsAreStillRead() {
        fake.create(deployment("locked", "web", applied("apps/v1beta2", "Deployment", "locked", "web")),
                new IngressBuilder().withMetadata(meta("locked", "web", applied("extensions/v1beta1", "Ingress", "locked", "web")).build())
                        .build());
        fake.forbid(FakeCluster.SERVICE_ACCOUNT, "list", "apps", "deployments", "locked");
        try {
            SourceResult result = scan("locked");
            assertEquals(List.of("Ingress locked/web extensions/v1beta1"), result.deprecatedApis().stream()
                    .map(f -> f.kind() + " " + f.namespace() + "/" + f.name() + " " + f.apiVersion()).toList());
            assertEquals(List.of("last-applied annotations of deployments.apps not (fully) read: forbidden: smokegate needs 'list' on"
                    + " 'deployments.apps' (apps/v1) in namespace 'locked' (service account system:serviceaccount:smokegate:smokegate);"
                    + " grant it with a Role/ClusterRole"), reasons(result));
        } finally {
            fake.clearFaults();
        }
    }

    @Test
    void anAnnotationThatIsNotJsonIsSkippedWithTheReason() {
        fake.create(deployment("garbage", "web", "apiVersion: extensions/v1beta1\nkind: Deployment\n"),
                deployment("garbage", "half", "{\"apiVersion\":\"extensions/v1beta1\",\"kind\":"),
                deployment("garbage", "list", "[\"apiVersion\"]"),
                deployment("garbage", "nokind", "{\"apiVersion\":\"extensions/v1beta1\",\"metadata\":{}}"),
                deployment("garbage", "number", "{\"apiVersion\":1,\"kind\":\"Deployment\"}"));
        SourceResult result = scan("garbage");
        assertEquals(List.of(), result.deprecatedApis());
        assertEquals(List.of(
                "Deployment garbage/half: its kubectl.kubernetes.io/last-applied-configuration annotation is not JSON (Unexpected"
                        + " end-of-input within/between Object entries at line 1, column 43); not judged",
                "Deployment garbage/list: its kubectl.kubernetes.io/last-applied-configuration annotation is not a JSON object; not judged",
                "Deployment garbage/nokind: its kubectl.kubernetes.io/last-applied-configuration annotation has no kind; not judged",
                "Deployment garbage/number: its kubectl.kubernetes.io/last-applied-configuration annotation has an apiVersion that is"
                        + " not a string; not judged",
                "Deployment garbage/web: its kubectl.kubernetes.io/last-applied-configuration annotation is not JSON (Unrecognized"
                        + " token 'apiVersion': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
                        + " at line 1, column 11); not judged"), reasons(result));
    }

    @Test
    void anAnnotationLargerThanAnApiServerKeepsIsSkippedUnread() {
        String huge = applied("extensions/v1beta1", "Deployment", "huge", "web").replace("{\"replicas\":2}",
                "{\"padding\":\"" + "x".repeat(300_000) + "\"}");
        fake.create(deployment("huge", "web", huge));
        SourceResult result = scan("huge");
        assertEquals(List.of(), result.deprecatedApis());
        assertEquals(List.of("Deployment huge/web: its kubectl.kubernetes.io/last-applied-configuration annotation has 300,140"
                + " characters, more than the 262,144 an API server keeps in all annotations of an object; not judged"), reasons(result));
    }

    @Test
    void unreadableAnnotationsBeyondFiftyAreCountedInOneEntry() {
        for (int i = 0; i < LastAppliedConfigurations.MAX_SKIPPED_OBJECTS + 3; i++) {
            fake.create(deployment("many", "web-" + (100 + i), "not json"));
        }
        List<String> reasons = reasons(scan("many"));
        assertEquals(LastAppliedConfigurations.MAX_SKIPPED_OBJECTS + 1, reasons.size());
        assertEquals("3 more objects with an unreadable kubectl.kubernetes.io/last-applied-configuration annotation not listed",
                reasons.get(reasons.size() - 1));
    }

    @Test
    void aListThatFailsMidwayKeepsWhatItDeliveredAndSaysSo() {
        fake.create(deployment("midway", "a", applied("extensions/v1beta1", "Deployment", "midway", "a")),
                deployment("midway", "b", applied("extensions/v1beta1", "Deployment", "midway", "b")),
                deployment("midway", "c", applied("extensions/v1beta1", "Deployment", "midway", "c")));
        fake.answerContinuedPages("GET", "/apis/apps/v1/namespaces/midway/deployments", 500,
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"etcdserver: request timed out\","
                        + "\"reason\":\"InternalError\",\"code\":500}");
        try {
            SourceResult result = scan(fake, List.of("midway"), new ListLimits(2, 50_000), Duration.ofSeconds(2));
            assertEquals(List.of("a", "b"), result.deprecatedApis().stream().map(DeprecatedApiFinding::name).toList());
            assertEquals(List.of("last-applied annotations of deployments.apps not (fully) read: context 'fake': 'list' on"
                    + " 'deployments.apps' (apps/v1) in namespace 'midway' failed with HTTP 500 InternalError: etcdserver: request"
                    + " timed out"), reasons(result));
        } finally {
            fake.clearFaults();
        }
    }

    @Test
    void aKindThatDoesNotAnswerInTimeIsSkippedAndTheOthersAreRead() {
        fake.create(deployment("slow", "web", applied("extensions/v1beta1", "Deployment", "slow", "web")),
                new IngressBuilder().withMetadata(meta("slow", "web", applied("extensions/v1beta1", "Ingress", "slow", "web")).build())
                        .build());
        fake.delay("GET", "/apis/apps/v1/namespaces/slow/deployments", Duration.ofSeconds(3));
        try {
            SourceResult result = scan(fake, List.of("slow"), new ListLimits(250, 50_000), Duration.ofMillis(500));
            assertEquals(List.of("Ingress"), result.deprecatedApis().stream().map(DeprecatedApiFinding::kind).toList());
            assertEquals(List.of("last-applied annotations of deployments.apps not (fully) read: the Kubernetes API server "
                    + fake.url() + " of context 'fake' did not answer 'list' on 'deployments.apps' (apps/v1) in namespace 'slow'"
                    + " within 500ms"), reasons(result));
        } finally {
            fake.clearFaults();
        }
    }

    @Test
    void overTheWholeClusterClusterScopedKindsAreReadAndUnservedOnesSkipped() {
        try (FakeCluster own = FakeCluster.start()) {
            own.create(new ClusterRoleBuilder().withMetadata(meta(null, "reader",
                    applied("rbac.authorization.k8s.io/v1beta1", "ClusterRole", null, "reader")).build()).build());
            own.answer("GET", "/apis/apiregistration.k8s.io/v1/apiservices", 404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                    + "\"status\":\"Failure\",\"message\":\"the server could not find the requested resource\",\"reason\":\"NotFound\",\"code\":404}");
            SourceResult result = scan(own, List.of(), new ListLimits(250, 50_000), Duration.ofSeconds(2));
            assertEquals(List.of(new DeprecatedApiFinding("last-applied", null, 0, "ClusterRole", "reader", null,
                    "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1", new ReleaseVersion(1, 17, 0),
                    new ReleaseVersion(1, 22, 0), ApiStatus.REMOVED)), result.deprecatedApis());
            assertEquals(List.of("last-applied annotations of apiservices.apiregistration.k8s.io not (fully) read: context 'fake':"
                    + " 'list' on 'apiservices.apiregistration.k8s.io' (apiregistration.k8s.io/v1) cluster-wide failed with HTTP 404"
                    + " NotFound: the server could not find the requested resource"), reasons(result));
        }
    }
}
