package io.smokegate.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.smokegate.check.CheckRegistry;
import io.smokegate.checklist.ChecklistCatalog;
import io.smokegate.checklist.ChecklistLoader;
import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Problem;
import io.smokegate.input.SafeYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosScenarioLoaderTest {

    private static final Path SHIPPED = Path.of("chaos-scenarios");

    @TempDir
    Path dir;

    private final ChaosScenarioLoader loader = new ChaosScenarioLoader(
            new ChecklistCatalog(Path.of("checklists"), new ChecklistLoader(CheckRegistry.standard(), name -> "unset")),
            new SafeYaml());

    private static final String FAULT = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: PodChaos
            metadata: {name: kill-one, namespace: athens}
            spec:
              action: pod-kill
              mode: one
              selector: {namespaces: [athens], labelSelectors: {app: athens}}
              duration: 30s
            """;

    private static final String SCENARIO = """
            apiVersion: smokegate.io/v1
            kind: ChaosScenario
            metadata: {name: kill}
            spec:
              checklist: athens-private
              namespaces: [athens]
              faults: [kill.yaml]
              maxDuration: 5m
              phases:
                steadyState:
                  slo: {objectives: [{name: ok, sli: run.success_ratio, pass: "= 1"}]}
                during:
                  runs: 3
                  interval: 30s
                  slo: {objectives: [{name: ok, sli: run.success_ratio, pass: ">= 0.9", key: true}]}
                recovery:
                  window: 1m
                  interval: 10s
                  slo: {objectives: [{name: ok, sli: run.success_ratio, pass: "= 1"}]}
            """;

    private List<String> problems(String scenario, String fault) throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), scenario);
        if (fault != null) {
            Files.writeString(dir.resolve("kill.yaml"), fault);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> loader.load(dir.resolve("scenario.yaml")));
        return e.problems().stream().map(Problem::format).toList();
    }

    @Test
    void everyShippedScenarioAndItsFaultsAreValid() throws Exception {
        List<Path> scenarios;
        try (Stream<Path> files = Files.list(SHIPPED)) {
            scenarios = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertEquals(8, scenarios.size(), scenarios.toString());
        for (Path file : scenarios) {
            ChaosScenario scenario = loader.load(file);
            assertFalse(scenario.faults().isEmpty(), file.toString());
            scenario.faults().forEach(f -> assertNotNull(f.duration(), f.file().toString()));
        }
    }

    @Test
    void everyShippedFaultFileIsValidOnItsOwn() throws Exception {
        try (Stream<Path> files = Files.list(SHIPPED.resolve("faults"))) {
            for (Path file : files.sorted().toList()) {
                Fault fault = loader.loadFault(file, file.toString());
                assertNotNull(fault.duration(), file.toString());
            }
        }
    }

    /**
     * A second opinion on the shipped faults: the networknt JSON Schema validator, given the CRD copies under
     * src/test/resources (not the shipped resources CrdSchema reads), finds nothing wrong with types, enums and
     * required fields either.
     */
    @Test
    void everyShippedFaultPassesAnIndependentJsonSchemaValidator() throws Exception {
        YAMLMapper yamlMapper = new YAMLMapper();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        try (Stream<Path> files = Files.list(SHIPPED.resolve("faults"))) {
            for (Path file : files.sorted().toList()) {
                JsonNode resource = yamlMapper.readTree(file.toFile());
                Path crd = Path.of("src/test/resources/chaos-mesh/crds", resource.path("kind").asText().toLowerCase(Locale.ROOT) + ".yaml");
                JsonNode schema = yamlMapper.readTree(crd.toFile()).path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");
                Set<ValidationMessage> messages = factory.getSchema(schema).validate(resource);
                assertEquals(Set.of(), messages, file.toString());
            }
        }
    }

    @Test
    void aValidScenarioIsRead() throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        Files.writeString(dir.resolve("kill.yaml"), FAULT);
        ChaosScenario scenario = loader.load(dir.resolve("scenario.yaml"));
        assertEquals("athens-private", scenario.checklist().name());
        assertEquals(new ChaosScenario.AbortRule(1), scenario.abortRule());
        assertEquals(3, scenario.during().runs());
        assertEquals("PodChaos", scenario.faults().getFirst().kind());
    }

    @Test
    void anUnknownFieldOfAFaultIsAnErrorInTheFaultsFile() throws Exception {
        assertEquals(List.of(dir.resolve("kill.yaml") + ":9:3: spec.gracePeriode: unknown field of spec in PodChaos"
                        + " (did you mean 'gracePeriod'?)"),
                problems(SCENARIO, FAULT + "  gracePeriode: 0\n"));
    }

    @Test
    void anUnknownKindIsAnErrorNamingTheKnownKinds() throws Exception {
        assertEquals(List.of(dir.resolve("kill.yaml") + ":2:7: kind: 'Workflow' is not a Chaos Mesh kind smokegate can inject"
                        + " (known kinds: NetworkChaos, PodChaos, DNSChaos, StressChaos, HTTPChaos, IOChaos, TimeChaos)"),
                problems(SCENARIO, FAULT.replace("PodChaos", "Workflow")));
    }

    @Test
    void aFaultWithoutADurationLoadsAndLastsTheScenariosMaximumWhenInjected() throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        Files.writeString(dir.resolve("kill.yaml"), FAULT.replace("  duration: 30s\n", ""));
        ChaosScenario scenario = loader.load(dir.resolve("scenario.yaml"));
        assertEquals(null, scenario.faults().get(0).duration());
        assertEquals(java.time.Duration.ofMinutes(5),
                ChaosResources.duration(scenario.faults().get(0), scenario, ChaosSettings.defaults()));
    }

    @Test
    void aScenarioNamingAMissingFaultFileIsAnError() throws Exception {
        assertEquals(List.of(dir.resolve("kill.yaml") + ": no such file"), problems(SCENARIO, null));
    }

    @Test
    void aFaultPathLeadingOutOfTheScenarioDirectoryIsAnError() throws Exception {
        assertEquals(List.of(dir.resolve("scenario.yaml") + ":7:12: spec.faults[0]: '../kill.yaml' is not a file in the"
                        + " scenario's directory or below (give a relative path such as faults/proxy-latency.yaml)"),
                problems(SCENARIO.replace("[kill.yaml]", "[../kill.yaml]"), FAULT));
    }

    @Test
    void aSymbolicLinkLeadingOutOfTheScenarioDirectoryIsNotRead() throws Exception {
        Path outside = Files.createTempFile("fault", ".yaml");
        try {
            Files.writeString(outside, FAULT);
            Files.createSymbolicLink(dir.resolve("kill.yaml"), outside);
            assertEquals(List.of(dir.resolve("kill.yaml") + ": a symbolic link that leads out of the scenario directory;"
                    + " it is not read (copy the file into the directory, or link to a file inside it)"), problems(SCENARIO, null));
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void aScenarioNamingAMissingChecklistIsAnError() throws Exception {
        List<String> problems = problems(SCENARIO.replace("checklist: athens-private", "checklist: athens-privat"), FAULT);
        assertEquals(List.of(dir.resolve("scenario.yaml") + ":5:14: spec.checklist: no valid checklist named 'athens-privat'"
                + " in checklists (did you mean 'athens-private'?)"), problems);
    }

    @Test
    void aFaultOutsideTheScenariosNamespacesIsAnError() throws Exception {
        assertEquals(List.of(dir.resolve("scenario.yaml") + ":7:12: spec.faults[0]: the fault is in namespace 'athens',"
                        + " which is not one of spec.namespaces (add it to spec.namespaces or move the fault)"),
                problems(SCENARIO.replace("namespaces: [athens]\n  faults", "namespaces: [goproxy]\n  faults"), FAULT));
    }

    @Test
    void phaseObjectivesAreReadWithTheGrammarOfSpecSlo() throws Exception {
        List<String> problems = problems(SCENARIO.replace("sli: run.success_ratio, pass: \">= 0.9\"",
                "sli: \"check.success{id=nope}\", pass: \">= 0.9\""), FAULT);
        assertEquals(List.of(dir.resolve("scenario.yaml") + ":15:42: spec.phases.during.slo.objectives[0].sli: the checklist"
                + " has no check with id 'nope' (expected one of: chain, healthz, no-leak, private-module, public-through-athens,"
                + " readyz, sumdb-through-athens, unknown-falls-through)"), problems);
    }

    @Test
    void runsThatOutlastTheMaximumDurationAreAnError() throws Exception {
        assertEquals(List.of(dir.resolve("scenario.yaml") + ":13:7: spec.phases.during: 3 runs 30s apart last longer"
                        + " than spec.maxDuration (30s) (fewer runs, a shorter interval or a longer maxDuration)"),
                problems(SCENARIO.replace("maxDuration: 5m", "maxDuration: 30s"), FAULT.replace("30s", "20s")));
    }
}
