package io.smokegate.deploy;

import static io.smokegate.deploy.DeployManifestsTest.at;
import static io.smokegate.deploy.DeployManifestsTest.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Kustomize (kubectl kustomize) builds the base and each overlay into exactly the objects Helm renders from the chart
 * with the matching values: the chart is the one source, and the Kustomize side cannot drift from it.
 */
class OverlaysTest {

    private static final Path CHART = DeployManifests.CHART;

    /** Objects by kind/name, with the order of named list items (volumes, env) left out: it means nothing. */
    static Map<String, Object> canonical(String yaml, String namespace) {
        Map<String, Object> byId = new TreeMap<>();
        for (Map<String, Object> object : DeployManifests.objects(yaml)) {
            Map<String, Object> metadata = at(object, "metadata");
            if (namespace != null) {
                metadata.put("namespace", namespace);
            }
            byId.put(object.get("kind") + "/" + metadata.get("name"), sorted(object));
        }
        return byId;
    }

    @SuppressWarnings("unchecked")
    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, sorted(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.stream().map(OverlaysTest::sorted).toList());
            if (copy.stream().allMatch(item -> item instanceof Map<?, ?> m && m.get("name") instanceof String)) {
                copy.sort(Comparator.comparing(item -> (String) ((Map<String, Object>) item).get("name")));
            }
            return copy;
        }
        return value;
    }

    /** The same objects, and for a differing one an answer that names it rather than dumping every object. */
    static void assertSameObjects(Map<String, Object> helm, Map<String, Object> kustomize) {
        assertEquals(helm.keySet(), kustomize.keySet(), "objects by kind/name");
        helm.forEach((id, object) -> assertEquals(object, kustomize.get(id), id));
    }

    @Test
    void theBaseBuildsToTheObjectsTheChartRendersWithItsDefaultValues() throws Exception {
        Map<String, Object> helm = canonical(DeployManifests.render(CHART, "default", c -> c), null);
        Map<String, Object> kustomize = canonical(Tools.kustomize(Path.of("deploy/base")), null);
        assertSameObjects(helm, kustomize);
    }

    @Test
    void thePostgresOverlayIsTheChartsDefaultsInTheSmokegateNamespace() throws Exception {
        Map<String, Object> helm = canonical(DeployManifests.render(CHART, "smokegate", c -> c), "smokegate");
        Map<String, Object> kustomize = canonical(Tools.kustomize(Path.of("deploy/overlays/postgres")), null);
        assertSameObjects(helm, kustomize);
    }

    @Test
    void theSqliteOverlayIsTheChartWithItsSqliteValues() throws Exception {
        Map<String, Object> helm = canonical(DeployManifests.render(CHART, "smokegate",
                c -> c.withValuesFile(CHART.resolve("values-sqlite.yaml"))), "smokegate");
        Map<String, Object> kustomize = canonical(Tools.kustomize(Path.of("deploy/overlays/sqlite")), null);
        assertSameObjects(helm, kustomize);
    }

    @Test
    void thePostgresOverlayRunsSeveralReplicasWithTheDatabaseFromASecret() throws Exception {
        var objects = DeployManifests.objects(Tools.kustomize(Path.of("deploy/overlays/postgres")));
        Map<String, Object> deployment = ofKind(objects, "Deployment").getFirst();
        assertTrue((int) at(deployment, "spec", "replicas") >= 2);
        assertEquals("RollingUpdate", at(deployment, "spec", "strategy", "type"));
        List<Map<String, Object>> env = at(deployment, "spec", "template", "spec", "containers", "0", "env");
        Map<String, Object> fromSecret = new TreeMap<>();
        env.stream().filter(e -> e.get("name").toString().startsWith("SMOKEGATE_DATABASE_"))
                .forEach(e -> fromSecret.put(e.get("name").toString(), at(e, "valueFrom", "secretKeyRef")));
        assertEquals(Map.of("SMOKEGATE_DATABASE_URL", Map.of("name", "smokegate-database", "key", "url"),
                "SMOKEGATE_DATABASE_USER", Map.of("name", "smokegate-database", "key", "user"),
                "SMOKEGATE_DATABASE_PASSWORD", Map.of("name", "smokegate-database", "key", "password")), fromSecret);
        assertEquals(List.of(), ofKind(objects, "PersistentVolumeClaim"));
    }

    @Test
    void theSqliteOverlayRunsOneReplicaOnAVolumeClaimAndRecreatesIt() throws Exception {
        var objects = DeployManifests.objects(Tools.kustomize(Path.of("deploy/overlays/sqlite")));
        Map<String, Object> deployment = ofKind(objects, "Deployment").getFirst();
        assertEquals(1, (int) at(deployment, "spec", "replicas"));
        assertEquals(Map.of("type", "Recreate"), at(deployment, "spec", "strategy"));
        List<Map<String, Object>> volumes = at(deployment, "spec", "template", "spec", "volumes");
        assertTrue(volumes.contains(Map.of("name", "data", "persistentVolumeClaim", Map.of("claimName", "smokegate-data"))),
                volumes.toString());
        assertEquals(1, ofKind(objects, "PersistentVolumeClaim").size());
        List<Map<String, Object>> env = at(deployment, "spec", "template", "spec", "containers", "0", "env");
        assertFalse(env.stream().anyMatch(e -> e.get("name").toString().startsWith("SMOKEGATE_DATABASE_")), env.toString());
    }

    @Test
    void theOverlaysMoveTheLeaseRoleBindingSubjectToTheirNamespace() throws Exception {
        var objects = DeployManifests.objects(Tools.kustomize(Path.of("deploy/overlays/sqlite")));
        Map<String, Object> binding = ofKind(objects, "RoleBinding").getFirst();
        assertEquals(Map.of("kind", "ServiceAccount", "name", "smokegate", "namespace", "smokegate"),
                at(binding, "subjects", "0"));
    }
}
