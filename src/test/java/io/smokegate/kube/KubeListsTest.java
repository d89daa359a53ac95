package io.smokegate.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.smokegate.testing.kube.FakeCluster;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paginated lists ({@code limit}/{@code continue}) and label selectors, over 1,000 objects of a fake cluster. */
class KubeListsTest {

    private static final ResourceRef PODS = ResourceRef.of(Pod.class);
    private static final String PAGE_REQUEST = "/api/v1/namespaces/load/pods";

    private static Vertx vertx;
    private static FakeCluster fake;

    @TempDir
    static Path dir;

    private KubeClients clients;
    private KubeCluster cluster;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        fake = FakeCluster.start();
        String[] envs = {"prod", "staging", "dev", "qa"};
        fake.create(IntStream.range(0, 1000).mapToObj(i -> {
            Pod pod = KubeClientsTest.pod("load", String.format("pod-%04d", i));
            pod.getMetadata().setLabels(Map.of("env", envs[i % 4], "app", "load"));
            return pod;
        }).toArray(HasMetadata[]::new));
        for (String name : List.of("delay-a", "delay-b", "delay-c")) {
            fake.create(new GenericKubernetesResourceBuilder().withApiVersion("chaos-mesh.org/v1alpha1").withKind("NetworkChaos")
                    .withNewMetadata().withNamespace("athens").withName(name).endMetadata()
                    .addToAdditionalProperties("spec", Map.of("action", "delay", "mode", "all")).build());
        }
    }

    @AfterAll
    static void stop() {
        fake.close();
        vertx.close().await();
    }

    @BeforeEach
    void connect() {
        clients = new KubeClients(KubeSettings.defaults().withKubeconfig(fake.writeKubeconfig(dir.resolve("config"))),
                KubeEnvironment.of(Map.of(), dir, dir.resolve("sa")), () -> vertx);
        cluster = clients.cluster();
        cluster.serverVersion();
        fake.clearRequests();
    }

    @AfterEach
    void close() {
        clients.close();
    }

    private ListResult<Pod> listPods(ListLimits limits, String labelSelector) {
        return cluster.list(KubeOp.list(PODS, "load"), limits,
                (c, options) -> c.pods().inNamespace("load").withLabelSelector(labelSelector).list(options));
    }

    private static List<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).toList();
    }

    @Test
    void aThousandObjectsComeInPagesOfTheGivenSize() {
        ListResult<Pod> result = listPods(new ListLimits(100, 10_000), null);
        assertEquals(new ListSummary(1000, 10, false), result.summary());
        assertEquals(IntStream.range(0, 1000).mapToObj(i -> String.format("pod-%04d", i)).toList(), names(result.items()));
        List<String> requests = fake.requests("GET", PAGE_REQUEST);
        assertEquals(10, requests.size());
        assertEquals(10, fake.requests().size(), "no other requests: " + fake.requests());
        assertTrue(requests.get(0).endsWith("?limit=100"), requests.get(0));
        assertTrue(requests.subList(1, 10).stream().allMatch(r -> r.contains("limit=100") && r.contains("continue=")),
                requests.toString());
    }

    @Test
    void aPageSizeThatDoesNotDivideTheTotalEndsWithAShortPage() {
        List<String> seen = new ArrayList<>();
        ListSummary summary = cluster.forEach(KubeOp.list(PODS, "load"), new ListLimits(300, 10_000),
                (c, options) -> c.pods().inNamespace("load").list(options), pod -> seen.add(pod.getMetadata().getName()));
        assertEquals(new ListSummary(1000, 4, false), summary);
        assertEquals(1000, seen.stream().distinct().count());
    }

    @Test
    void theObjectCapStopsTheListAndSaysItWasTruncated() {
        ListResult<Pod> result = listPods(new ListLimits(100, 250), null);
        assertEquals(new ListSummary(250, 3, true), result.summary());
        assertEquals("pod-0249", result.items().get(249).getMetadata().getName());
        List<String> requests = fake.requests("GET", PAGE_REQUEST);
        assertEquals(3, requests.size());
        assertTrue(requests.get(2).contains("limit=50"), "the last page asks only for what fits under the cap: " + requests);
    }

    @Test
    void aListThatFitsTheCapExactlyIsNotTruncated() {
        assertEquals(new ListSummary(1000, 2, false), listPods(new ListLimits(500, 1000), null).summary());
    }

    private static ListOptions page(String continueToken) {
        return new ListOptionsBuilder().withLimit(400L).withContinue(continueToken).build();
    }

    @Test
    void eachPageTellsHowManyRemain() {
        PodList first = cluster.call(KubeOp.list(PODS, "load"), c -> c.pods().inNamespace("load").list(page(null)));
        assertEquals(400, first.getItems().size());
        assertEquals(600L, first.getMetadata().getRemainingItemCount());
        PodList second = cluster.call(KubeOp.list(PODS, "load"),
                c -> c.pods().inNamespace("load").list(page(first.getMetadata().getContinue())));
        assertEquals("pod-0400", second.getItems().get(0).getMetadata().getName());
        assertEquals(200L, second.getMetadata().getRemainingItemCount());
        PodList last = cluster.call(KubeOp.list(PODS, "load"),
                c -> c.pods().inNamespace("load").list(page(second.getMetadata().getContinue())));
        assertEquals(200, last.getItems().size());
        assertEquals(null, last.getMetadata().getContinue());
        assertEquals(null, last.getMetadata().getRemainingItemCount());
    }

    @Test
    void anInSelectorIsHonouredAcrossPages() {
        ListResult<Pod> result = listPods(new ListLimits(100, 10_000), "env in (prod, staging)");
        assertEquals(new ListSummary(500, 5, false), result.summary());
        assertTrue(result.items().stream().allMatch(p -> List.of("prod", "staging").contains(p.getMetadata().getLabels().get("env"))));
    }

    @Test
    void aNotinSelectorIsHonoured() {
        ListResult<Pod> result = listPods(new ListLimits(500, 10_000), "app=load,env notin (prod,staging,dev)");
        assertEquals(250, result.items().size());
        assertTrue(result.items().stream().allMatch(p -> p.getMetadata().getLabels().get("env").equals("qa")));
    }

    @Test
    void fabric8sSetBasedSelectorBuildersWork() {
        PodList qa = cluster.call(KubeOp.list(PODS, "load"),
                c -> c.pods().inNamespace("load").withLabelIn("env", "qa", "nowhere").withLabelNotIn("app", "other").list());
        assertEquals(250, qa.getItems().size());
    }

    @Test
    void customResourcesAreListedByTheirGroupVersionResource() {
        ListResult<GenericKubernetesResource> chaos = cluster.list(
                ResourceRef.namespaced("chaos-mesh.org", "v1alpha1", "networkchaos"), "athens", null, new ListLimits(2, 100));
        assertEquals(List.of("delay-a", "delay-b", "delay-c"), names(chaos.items()));
        assertEquals(new ListSummary(3, 2, false), chaos.summary());
        assertFalse(chaos.items().get(0).getAdditionalProperties().isEmpty());
    }
}
