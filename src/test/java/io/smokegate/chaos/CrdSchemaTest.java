package io.smokegate.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.smokegate.input.Problem;
import io.smokegate.input.SafeYaml;
import io.smokegate.input.YamlReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrdSchemaTest {

    private static final String HEAD = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: NetworkChaos
            metadata: {name: slow, namespace: athens}
            spec:
              action: delay
              mode: all
              selector: {namespaces: [athens]}
              duration: 1m
            """;

    private static List<String> problems(String kind, String yaml) throws Exception {
        YamlReader r = new YamlReader("fault.yaml");
        CrdSchema.of(kind).validate(r, new SafeYaml().parse("fault.yaml", yaml));
        return r.problems().stream().map(Problem::format).toList();
    }

    @Test
    void everyKindScenariosUseHasItsSchema() {
        for (String kind : CrdSchema.KINDS) {
            assertNotNull(CrdSchema.of(kind), kind);
        }
    }

    @Test
    void aValidResourceHasNoProblems() throws Exception {
        assertEquals(List.of(), problems("NetworkChaos", HEAD + "  delay: {latency: 200ms, jitter: 10ms}\n"));
    }

    @Test
    void anUnknownFieldIsAnErrorWithItsPositionAndPath() throws Exception {
        assertEquals(List.of("fault.yaml:9:11: spec.delay.lantecy: unknown field of spec.delay in NetworkChaos"
                        + " (did you mean 'latency'?)",
                        "fault.yaml:9:10: spec.delay.latency: missing required field"),
                problems("NetworkChaos", HEAD + "  delay: {lantecy: 200ms}\n").reversed());
    }

    @Test
    void anUnknownTopLevelFieldOfMetadataIsAnError() throws Exception {
        assertEquals(List.of("fault.yaml:3:43: metadata.labelz: unknown field (did you mean 'labels'?)"),
                problems("NetworkChaos", HEAD.replace("namespace: athens}", "namespace: athens, labelz: {}}")));
    }

    @Test
    void aValueOfTheWrongTypeIsAnError() throws Exception {
        assertEquals(List.of("fault.yaml:9:16: spec.gracePeriod: expected a whole number, found a string"),
                problems("PodChaos", HEAD.replace("NetworkChaos", "PodChaos").replace("action: delay", "action: pod-kill")
                        + "  gracePeriod: soon\n"));
    }

    @Test
    void aMissingRequiredFieldIsAnError() throws Exception {
        assertEquals(List.of("fault.yaml:5:3: spec.selector: missing required field"),
                problems("NetworkChaos", HEAD.replace("  selector: {namespaces: [athens]}\n", "")));
    }

    @Test
    void aValueOutsideTheEnumIsAnError() throws Exception {
        assertEquals(List.of("fault.yaml:6:9: spec.mode: 'every' is not one of one, all, fixed, fixed-percent,"
                        + " random-max-percent"),
                problems("NetworkChaos", HEAD.replace("mode: all", "mode: every")));
    }

    @Test
    void theValuesOfAMapWithAdditionalPropertiesAreChecked() throws Exception {
        assertEquals(List.of("fault.yaml:7:58: spec.selector.labelSelectors.app: expected a string, found a whole number"),
                problems("NetworkChaos", HEAD.replace("[athens]}", "[athens], labelSelectors: {app: 3}}")));
    }

    @Test
    void anIntegerBelowTheSchemasMinimumIsAnError() throws Exception {
        assertEquals(List.of("fault.yaml:9:48: spec.bandwidth.buffer: 0 is out of range (allowed: 1 to 2147483647)"),
                problems("NetworkChaos", HEAD + "  bandwidth: {rate: 1mbps, limit: 100, buffer: 0}\n"));
    }

    @Test
    void aStringNotMatchingTheSchemasPatternIsAnError() throws Exception {
        assertEquals(List.of("fault.yaml:9:20: spec.delay.latency: '200' does not match the pattern ^[0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h)$"),
                problems("NetworkChaos", HEAD + "  delay: {latency: \"200\"}\n"));
    }

    @Test
    void anInvalidResourceNameIsAnError() throws Exception {
        assertEquals(List.of("fault.yaml:3:18: metadata.name: 'Slow_Proxy' is not a valid Kubernetes name"
                        + " (lower-case letters, digits, '-' and '.', at most 253 characters)"),
                problems("NetworkChaos", HEAD.replace("name: slow,", "name: Slow_Proxy,")));
    }

    @Test
    void intOrStringTakesAWholeNumberOrAStringButNothingElse() throws Exception {
        CrdSchema schema = new CrdSchema("Test", Map.of("type", "object", "properties", Map.of("port",
                Map.of("x-kubernetes-int-or-string", true))));
        assertEquals(List.of(), validate(schema, "port: 80"));
        assertEquals(List.of(), validate(schema, "port: http"));
        assertEquals(List.of("test.yaml:1:7: port: expected a whole number or a string, found a list"),
                validate(schema, "port: [80]"));
    }

    @Test
    void preserveUnknownFieldsAllowsFieldsTheSchemaDoesNotName() throws Exception {
        CrdSchema schema = new CrdSchema("Test", Map.of("type", "object", "properties", Map.of(
                "free", Map.of("type", "object", "x-kubernetes-preserve-unknown-fields", true),
                "strict", Map.of("type", "object", "properties", Map.of()))));
        assertEquals(List.of("test.yaml:2:10: strict.anything: unknown field of strict in Test (this mapping takes no fields)"),
                validate(schema, "free: {anything: [1, 2]}\nstrict: {anything: 1}"));
    }

    private static List<String> validate(CrdSchema schema, String yaml) throws Exception {
        YamlReader r = new YamlReader("test.yaml");
        schema.validate(r, new SafeYaml().parse("test.yaml", yaml));
        return r.problems().stream().map(Problem::format).toList();
    }
}
