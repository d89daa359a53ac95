package io.smokegate.testing.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.smokegate.kube.KubeClients;
import io.smokegate.kube.KubeEnvironment;
import io.smokegate.kube.KubeSettings;
import io.smokegate.kube.ListLimits;
import io.smokegate.kube.ResourceRef;
import io.smokegate.testing.kube.FakeCluster;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestLogTest {

    @TempDir
    Path dir;

    @Test
    void smokegatesRequestsAreLoggedByClientWhileTheTestsSeedingIsNot() throws Exception {
        assertTrue(RequestLog.enabled(), "the build sets " + RequestLog.DIRECTORY_PROPERTY + " (pom.xml, surefire)");
        String namespace = "request-log-" + ProcessHandle.current().pid();
        Vertx vertx = Vertx.vertx();
        try (FakeCluster fake = FakeCluster.start()) {
            fake.create(new PodBuilder().withNewMetadata().withNamespace(namespace).withName("web-0").endMetadata().build());
            fake.mergePatch("/api/v1/namespaces/" + namespace, "{\"metadata\":{\"labels\":{\"team\":\"a\"}}}");
            try (KubeClients clients = new KubeClients(KubeSettings.defaults().withKubeconfig(fake.writeKubeconfig(dir.resolve("config")))
                    .withCallTimeout(Duration.ofSeconds(5)), KubeEnvironment.of(Map.of(), dir, dir.resolve("sa")), () -> vertx)) {
                assertEquals(1, clients.cluster().list(ResourceRef.namespaced("", "v1", "pods"), namespace, null, ListLimits.DEFAULT)
                        .items().size());
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(fake.url() + "/api/v1/namespaces/" + namespace))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        } finally {
            vertx.close().await();
        }

        List<String> logged = RequestLog.read(Path.of(System.getProperty(RequestLog.DIRECTORY_PROPERTY))).stream()
                .filter(r -> r.test().equals(RequestLogTest.class.getName()) && r.namespace().equals(namespace))
                .map(r -> r.client() + ": " + r.describe()).toList();
        assertEquals(List.of("smokegate: list pods in namespace \"" + namespace + "\"",
                "Java-http-client: get namespaces \"" + namespace + "\" in namespace \"" + namespace + "\""), logged);
    }
}
