package io.smokegate.deploy;

import static io.smokegate.deploy.DeployManifestsTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every object deploy/ installs matches the Kubernetes (or Prometheus Operator) OpenAPI schema of its kind. */
class SchemaValidationTest {

    @ParameterizedTest
    @ValueSource(strings = {"deploy/base", "deploy/overlays/postgres", "deploy/overlays/sqlite"})
    void everyObjectMatchesTheSchemaOfItsKind(String dir) throws Exception {
        String yaml = Tools.kustomize(Path.of(dir));
        Tools.Result result = Tools.validate(yaml);
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        long valid = result.stdout().lines().filter(line -> line.startsWith("ok ")).count();
        assertEquals(DeployManifests.objects(yaml).size(), valid, "every object validated: " + result.stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy/base", "deploy/overlays/postgres", "deploy/overlays/sqlite"})
    void noObjectHasAFieldItsKindDoesNotHave(String dir) throws Exception {
        List<String> unknown = new ArrayList<>();
        Set<String> unmodelled = new TreeSet<>();
        for (Map<String, Object> object : DeployManifests.objects(Tools.kustomize(Path.of(dir)))) {
            List<String> fields = UnknownFields.of(object);
            if (fields == null) {
                unmodelled.add(object.get("kind").toString());
            } else {
                fields.forEach(field -> unknown.add(object.get("kind") + " " + at(object, "metadata", "name") + field));
            }
        }
        assertEquals(List.of(), unknown);
        // The Prometheus Operator's kinds are left to their schemas (above); everything else is checked here.
        assertEquals(Set.of("PrometheusRule", "ServiceMonitor"), unmodelled);
    }

    @Test
    void aMisspeltFieldIsFoundByItsPath() throws Exception {
        List<Map<String, Object>> objects = DeployManifests.objects(Tools.kustomize(Path.of("deploy/base")));
        Map<String, Object> deployment = DeployManifestsTest.ofKind(objects, "Deployment").getFirst();
        Map<String, Object> securityContext = at(deployment, "spec", "template", "spec", "containers", "0", "securityContext");
        securityContext.put("readOnlyRootFileSystem", true);
        assertEquals(List.of("/spec/template/spec/containers/0/securityContext/readOnlyRootFileSystem"),
                UnknownFields.of(deployment));
    }

    @Test
    void aDeploymentWithReplicasAsTextIsRejectedNamingTheField() throws Exception {
        List<Map<String, Object>> objects = DeployManifests.objects(Tools.kustomize(Path.of("deploy/base")));
        Map<String, Object> deployment = DeployManifestsTest.ofKind(objects, "Deployment").getFirst();
        DeployManifestsTest.<Map<String, Object>>at(deployment, "spec").put("replicas", "two");
        Tools.Result result = Tools.validate(DeployManifests.toYaml(deployment));
        assertEquals(1, result.exitCode(), result.stdout());
        assertEquals("invalid Deployment smokegate: /spec/replicas must be integer", result.stdout().strip());
    }

    @Test
    void anObjectOfAKindWithoutASchemaIsRejectedRatherThanPassed() throws Exception {
        Tools.Result result = Tools.validate("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
        assertEquals(1, result.exitCode(), result.stdout());
        assertTrue(result.stdout().contains("invalid Widget w: no schema for example.com/v1 Widget"), result.stdout());
    }
}
