package io.smokegate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

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
