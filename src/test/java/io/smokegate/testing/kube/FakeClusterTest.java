package io.smokegate.testing.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake cluster's additions to Fabric8's CRUD mock, seen over plain HTTP as any client sees them. */
class FakeClusterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static FakeCluster fake;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        fake = FakeCluster.start();
        StringBuilder configMaps = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            configMaps.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-").append(String.format("%02d", i))
                    .append(", namespace: paging, labels: {shard: \"").append(i % 5).append("\"}}\n");
        }
        fake.create(configMaps.toString());
    }

    @AfterEach
    void clearFaults() {
        fake.clearFaults(); // each test's forbid rules and answers end with it
    }

    private static void forbidCreatingNetworkChaosInPayments() {
        fake.forbid(FakeCluster.SERVICE_ACCOUNT, "create", "chaos-mesh.org", "networkchaos", "payments");
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    private static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(fake.url() + pathAndQuery)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = get(pathAndQuery);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("items").forEach(i -> names.add(i.path("metadata").path("name").asText()));
        return names;
    }

    @Test
    void itStartsWithTheCustomResourceDefinitionsTheClusterFeaturesNeed() throws Exception {
        List<String> groups = new ArrayList<>();
        getJson("/apis").path("groups").forEach(g -> groups.add(g.path("preferredVersion").path("groupVersion").asText()));
        assertTrue(groups.containsAll(List.of("chaos-mesh.org/v1alpha1", "argoproj.io/v1alpha1",
                "kustomize.toolkit.fluxcd.io/v1", "helm.toolkit.fluxcd.io/v2", "cert-manager.io/v1")), groups.toString());
        List<String> chaosKinds = new ArrayList<>();
        getJson("/apis/chaos-mesh.org/v1alpha1").path("resources").forEach(r -> chaosKinds.add(r.path("kind").asText()));
        assertEquals(List.of("NetworkChaos", "PodChaos", "StressChaos", "IOChaos", "HTTPChaos", "DNSChaos", "TimeChaos",
                "Schedule", "Workflow", "StatusCheck"), chaosKinds);
        assertEquals("HelmRelease", getJson("/apis/helm.toolkit.fluxcd.io/v2").path("resources").get(0).path("kind").asText());
        assertEquals(14, getJson("/apis/apiextensions.k8s.io/v1/customresourcedefinitions").path("items").size());
    }

    @Test
    void versionIsAKubernetesVersion() throws Exception {
        JsonNode version = getJson("/version?timeout=32s");
        assertEquals(FakeCluster.GIT_VERSION, version.path("gitVersion").asText());
        assertEquals("32", version.path("minor").asText());
    }

    @Test
    void listPagesCarryAContinueTokenAndTheRemainingCount() throws Exception {
        JsonNode first = getJson("/api/v1/namespaces/paging/configmaps?limit=10");
        assertEquals("ConfigMapList", first.path("kind").asText());
        assertEquals(List.of("cm-00", "cm-01", "cm-02", "cm-03", "cm-04", "cm-05", "cm-06", "cm-07", "cm-08", "cm-09"), names(first));
        assertEquals(15, first.path("metadata").path("remainingItemCount").asInt());
        String token = first.path("metadata").path("continue").asText();
        JsonNode second = getJson("/api/v1/namespaces/paging/configmaps?limit=10&continue=" + token);
        assertEquals("cm-10", names(second).get(0));
        JsonNode last = getJson("/api/v1/namespaces/paging/configmaps?limit=10&continue="
                + second.path("metadata").path("continue").asText());
        assertEquals(5, last.path("items").size());
        assertFalse(last.path("metadata").has("continue"));
        assertFalse(last.path("metadata").has("remainingItemCount"));
    }

    @Test
    void aListAcrossNamespacesIsOrderedByNamespaceThenName() throws Exception {
        List<String> namespaces = new ArrayList<>();
        getJson("/api/v1/namespaces?limit=2").path("items").forEach(n -> namespaces.add(n.path("metadata").path("name").asText()));
        assertEquals(List.of("default", "kube-public"), namespaces);
    }

    @Test
    void setBasedSelectorsAreHonouredTogetherWithPagination() throws Exception {
        JsonNode page = getJson("/api/v1/namespaces/paging/configmaps?limit=4&labelSelector=shard+in+%281%2C3%29");
        assertEquals(List.of("cm-01", "cm-03", "cm-06", "cm-08"), names(page));
        assertEquals(6, page.path("metadata").path("remainingItemCount").asInt());
        JsonNode notin = getJson("/api/v1/namespaces/paging/configmaps?labelSelector=shard+notin+%280%2C1%2C2%2C3%29");
        assertEquals(List.of("cm-04", "cm-09", "cm-14", "cm-19", "cm-24"), names(notin));
    }

    @Test
    void aContinueTokenThatIsNotOneIsABadRequest() throws Exception {
        HttpResponse<String> response = get("/api/v1/namespaces/paging/configmaps?limit=1&continue=garbage!");
        assertEquals(400, response.statusCode());
        assertEquals("continue key is not valid: garbage!", JSON.readTree(response.body()).path("message").asText());
    }

    @Test
    void anUnparsableSelectorIsABadRequest() throws Exception {
        HttpResponse<String> response = get("/api/v1/namespaces/paging/configmaps?labelSelector=shard+in+1");
        assertEquals(400, response.statusCode());
        assertEquals("unable to parse requirement: shard in 1", JSON.readTree(response.body()).path("message").asText());
    }

    @Test
    void aMissingObjectIsANotFoundStatus() throws Exception {
        HttpResponse<String> response = get("/api/v1/namespaces/paging/configmaps/nope");
        assertEquals(404, response.statusCode());
        JsonNode status = JSON.readTree(response.body());
        assertEquals("configmaps \"nope\" not found", status.path("message").asText());
        assertEquals("NotFound", status.path("reason").asText());
    }

    @Test
    void loadCreatesDefinitionsBeforeTheCustomResourcesThatNeedThem() throws IOException {
        Files.writeString(dir.resolve("a-widget.yaml"), "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1, namespace: shop}\n");
        Files.writeString(dir.resolve("b-crd.yaml"), """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  names: {kind: Widget, plural: widgets, singular: widget}
                  scope: Namespaced
                  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]
                """);
        assertEquals(2, fake.load(dir));
        assertEquals(List.of("w1"), names(assertOk("/apis/example.com/v1/namespaces/shop/widgets")));
        assertEquals("shop", names(assertOk("/api/v1/namespaces?fieldSelector=metadata.name%3Dshop")).get(0));
    }

    private static JsonNode assertOk(String path) {
        try {
            return getJson(path);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theDemoObjectsShippedForBenchFakeClusterLoad() throws Exception {
        try (FakeCluster demo = FakeCluster.start()) {
            assertEquals(8, demo.load(Path.of("bench/fake-cluster")));
            HttpResponse<String> chaos = HTTP.send(HttpRequest.newBuilder(URI.create(demo.url()
                    + "/apis/chaos-mesh.org/v1alpha1/namespaces/athens/networkchaos")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(List.of("athens-proxy-delay"), names(JSON.readTree(chaos.body())));
        }
    }

    @Test
    void anObjectOfAnUnknownKindIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fake.create("apiVersion: example.org/v9\nkind: Gadget\nmetadata: {name: g}\n"));
        assertEquals("the fake cluster does not serve Gadget (example.org/v9): create its CustomResourceDefinition first",
                e.getMessage());
    }

    @Test
    void injectedFaultsApplyUntilCleared() throws Exception {
        fake.answer("GET", "/api/v1/namespaces/paging/configmaps", 500, "{}");
        try {
            assertEquals(500, get("/api/v1/namespaces/paging/configmaps").statusCode());
        } finally {
            fake.clearFaults();
        }
        assertEquals(200, get("/api/v1/namespaces/paging/configmaps").statusCode());
    }

    @Test
    void theKubeconfigPointsAtTheClusterWithAServiceAccountToken() {
        String kubeconfig = fake.kubeconfig("a", "b");
        assertTrue(kubeconfig.contains("    server: " + fake.url() + "\n"), kubeconfig);
        assertTrue(kubeconfig.contains("current-context: a\n"), kubeconfig);
        assertTrue(kubeconfig.contains("token: " + FakeCluster.serviceAccountToken("smokegate", "smokegate")), kubeconfig);
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(fake.url() + pathAndQuery)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SelfSubjectAccessReview mayI(KubernetesClient client, String verb, String namespace) {
        return client.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
                .withNewSpec().withNewResourceAttributes().withVerb(verb).withGroup("chaos-mesh.org")
                .withResource("networkchaos").withNamespace(namespace).endResourceAttributes().endSpec().build());
    }

    @Test
    void anAccessReviewThroughFabric8IsAllowedUnlessAForbidRuleCoversIt() {
        forbidCreatingNetworkChaosInPayments();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(fake.kubeconfig())).build()) {
            SelfSubjectAccessReview denied = mayI(client, "create", "payments");
            assertFalse(denied.getStatus().getAllowed());
            assertEquals("User \"system:serviceaccount:smokegate:smokegate\" cannot create resource \"networkchaos\" in API group "
                    + "\"chaos-mesh.org\" in the namespace \"payments\"", denied.getStatus().getReason());
            assertEquals("payments", denied.getSpec().getResourceAttributes().getNamespace());
            assertTrue(mayI(client, "create", "demo").getStatus().getAllowed());
            assertTrue(mayI(client, "delete", "payments").getStatus().getAllowed());
        }
    }

    @Test
    void aForbidRuleStillRefusesTheRequestItselfWith403() throws Exception {
        forbidCreatingNetworkChaosInPayments();
        HttpResponse<String> r = send("POST", "/apis/chaos-mesh.org/v1alpha1/namespaces/payments/networkchaos",
                "{\"apiVersion\":\"chaos-mesh.org/v1alpha1\",\"kind\":\"NetworkChaos\",\"metadata\":{\"name\":\"x\"}}");
        assertEquals(403, r.statusCode());
        assertEquals("networkchaos is forbidden: User \"system:serviceaccount:smokegate:smokegate\" cannot create resource "
                + "\"networkchaos\" in API group \"chaos-mesh.org\" in the namespace \"payments\"",
                JSON.readTree(r.body()).path("message").asText());
    }

    @Test
    void aPermissionMissingInOneNamespaceIsMissingClusterWide() throws Exception {
        forbidCreatingNetworkChaosInPayments();
        HttpResponse<String> r = send("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", """
                {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview",
                 "spec":{"resourceAttributes":{"verb":"create","group":"chaos-mesh.org","resource":"networkchaos"}}}""");
        assertEquals(201, r.statusCode());
        assertFalse(JSON.readTree(r.body()).path("status").path("allowed").asBoolean(true), r.body());
    }

    @Test
    void anAccessReviewWithoutAttributesIsInvalid() throws Exception {
        HttpResponse<String> r = send("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\",\"spec\":{}}");
        assertEquals(422, r.statusCode());
        assertEquals("SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: spec.resourceAttributes: Invalid value: "
                + "\"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified",
                JSON.readTree(r.body()).path("message").asText());
    }

    @Test
    void discoveryServesAccessReviewsAsCreateOnly() throws Exception {
        JsonNode resource = getJson("/apis/authorization.k8s.io/v1").path("resources").get(0);
        assertEquals("selfsubjectaccessreviews", resource.path("name").asText());
        assertEquals("SelfSubjectAccessReview", resource.path("kind").asText());
        assertEquals("[\"create\"]", resource.path("verbs").toString());
    }

    private static final String DRY_RUN_CHAOS = "{\"apiVersion\":\"chaos-mesh.org/v1alpha1\",\"kind\":\"NetworkChaos\","
            + "\"metadata\":{\"name\":\"trial\"},\"spec\":{\"action\":\"delay\",\"duration\":\"30s\"}}";

    @Test
    void aDryRunCreateAnswersTheObjectAsStoredButStoresNothing() throws Exception {
        HttpResponse<String> r = send("POST", "/apis/chaos-mesh.org/v1alpha1/namespaces/trials/networkchaos?dryRun=All", DRY_RUN_CHAOS);
        assertEquals(201, r.statusCode(), r.body());
        JsonNode metadata = JSON.readTree(r.body()).path("metadata");
        assertEquals("trial", metadata.path("name").asText());
        assertEquals("trials", metadata.path("namespace").asText());
        assertEquals(36, metadata.path("uid").asText().length());
        assertTrue(metadata.path("creationTimestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), metadata.toString());
        assertEquals("30s", JSON.readTree(r.body()).path("spec").path("duration").asText());
        assertEquals(List.of(), names(getJson("/apis/chaos-mesh.org/v1alpha1/namespaces/trials/networkchaos")));
    }

    @Test
    void aDryRunCreateOfAnExistingObjectIsAConflict() throws Exception {
        fake.create("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: present, namespace: trials}\n");
        HttpResponse<String> r = send("POST", "/api/v1/namespaces/trials/configmaps?dryRun=All",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"present\"}}");
        assertEquals(409, r.statusCode());
        assertEquals("configmaps \"present\" already exists", JSON.readTree(r.body()).path("message").asText());
    }

    @Test
    void aDryRunDeleteAnswersTheObjectAndKeepsIt() throws Exception {
        fake.create("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kept, namespace: trials}\n");
        HttpResponse<String> r = send("DELETE", "/api/v1/namespaces/trials/configmaps/kept?dryRun=All", null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("kept", JSON.readTree(r.body()).path("metadata").path("name").asText());
        assertEquals("kept", getJson("/api/v1/namespaces/trials/configmaps/kept").path("metadata").path("name").asText());
    }

    @Test
    void aDryRunUpdateIsRefusedRatherThanApplied() throws Exception {
        HttpResponse<String> r = send("PUT", "/api/v1/namespaces/trials/configmaps/kept?dryRun=All", "{}");
        assertEquals(405, r.statusCode());
        assertEquals("the fake cluster dry-runs only create (POST) and delete (DELETE); PUT /api/v1/namespaces/trials/configmaps/kept "
                + "was not run", JSON.readTree(r.body()).path("message").asText());
    }
}
