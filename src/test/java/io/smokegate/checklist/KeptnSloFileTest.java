package io.smokegate.checklist;

import static io.smokegate.checklist.Loading.assertProblems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smokegate.input.InvalidInputException;
import io.smokegate.slo.Comparison;
import io.smokegate.slo.Indicator;
import io.smokegate.slo.Objective;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keptn's SLO file (and its SLI file) named by {@code spec.slo} instead of a smokegate SLO. */
class KeptnSloFileTest {

    private static final Path EXAMPLES = Path.of("src/test/resources/keptn");

    @TempDir
    Path dir;

    private Path checklist(String sloReference) throws IOException {
        return Files.writeString(dir.resolve("carts.yaml"), """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: carts}
                spec:
                  checks: [{id: probe, type: http, with: {url: "https://carts.example/"}}]
                  slo: %s
                """.formatted(sloReference));
    }

    private Checklist load(Path file) throws InvalidInputException {
        return Loading.standardLoader().load(file, Map.of());
    }

    private void copyExample(String from, String to) throws IOException {
        Files.copy(EXAMPLES.resolve(from), dir.resolve(to));
    }

    @Test
    void aFileWhoseTopLevelNamesSpecVersionIsReadAsKeptns() throws Exception {
        Files.writeString(dir.resolve("slo.yaml"), """
                spec_version: '1.0'
                objectives:
                  - sli: run.success_ratio
                    pass: [{criteria: ["=1"]}]
                    key_sli: true
                total_score: {pass: "90%", warning: "75%"}
                """);

        Objective o = load(checklist("slo.yaml")).slo().objectives().get(0);

        assertEquals(List.of("run-success-ratio", "run.success_ratio", true), List.of(o.name(), o.indicator().text(), o.key()));
    }

    @Test
    void keptnsSliFileNamedBesideItGivesTheQueries() throws Exception {
        copyExample("carts/slo.yaml", "slo.yaml");
        copyExample("carts/sli.yaml", "sli.yaml");

        Checklist c = load(checklist("{keptn: slo.yaml, sli: sli.yaml}"));

        assertEquals(new Indicator.Promql("sum(rate(http_requests_total{job=\"carts\"}[$window]))"),
                c.slo().objectives().get(2).indicator());
        assertEquals(new Comparison(3, io.smokegate.slo.Aggregate.AVG, Comparison.Include.PASS), c.slo().comparison());
        assertEquals(List.of(dir.resolve("slo.yaml"), dir.resolve("sli.yaml")), c.includes());
    }

    @Test
    void problemsPointAtTheKeptnFilesLineAndColumn() throws Exception {
        copyExample("spec/slo.yaml", "slo.yaml");
        Files.writeString(dir.resolve("sli.yaml"), "spec_version: '1.0'\nindicators: {response_time_p95: 'sum(up{job=\"$SERVICE\"})'}\n");

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> load(checklist("{keptn: slo.yaml, sli: sli.yaml}")));

        assertProblems(e,
                dir.resolve("slo.yaml") + ":2:1: filter: not supported: smokegate has no SLI provider to hand Keptn's"
                        + " filter to (write the selection into the SLI queries (label matchers) and remove filter)",
                dir.resolve("sli.yaml") + ":2:33: indicators.response_time_p95: placeholder '$SERVICE' is not supported"
                        + " (smokegate has no Keptn project, stage, service or deployment; write the value into the query)");
    }

    @Test
    void aKeptnFileWithoutItsSliFileSaysHowToNameIt() throws Exception {
        copyExample("carts/slo.yaml", "slo.yaml");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> load(checklist("slo.yaml")));

        assertEquals(dir.resolve("slo.yaml") + ":9:10: objectives[0].sli: no query for 'response_time_p95' (name Keptn's"
                + " SLI file too: spec.slo: {keptn: FILE, sli: FILE}, or name a smokegate SLI such as run.success_ratio)",
                e.problems().get(0).format());
    }

    @Test
    void theSliFileMustBeInTheChecklistsDirectory() throws Exception {
        copyExample("carts/slo.yaml", "slo.yaml");

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> load(checklist("{keptn: slo.yaml, sli: ../sli.yaml}")));

        assertProblems(e, dir.resolve("carts.yaml") + ":6:31: spec.slo.sli: '../sli.yaml' is not a file in the checklist's"
                + " directory or below (give a relative path such as release.slo.yaml, or write the SLO into spec.slo)");
    }

    @Test
    void theKeptnReferenceTakesOnlyKeptnAndSli() throws Exception {
        copyExample("carts/slo.yaml", "slo.yaml");

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> load(checklist("{keptn: slo.yaml, total: {pass: 90%}}")));

        assertEquals(dir.resolve("carts.yaml") + ":6:26: spec.slo.total: unknown field (expected one of: keptn, sli)",
                e.problems().get(0).format());
    }

    @Test
    void theCatalogListsKeptnFilesNeitherAsChecklistsNorAsBrokenOnes() throws Exception {
        copyExample("carts/slo.yaml", "slo.yaml");
        copyExample("carts/sli.yaml", "sli.yaml");
        checklist("{keptn: slo.yaml, sli: sli.yaml}");
        Files.writeString(dir.resolve("broken.yaml"), "kind: Checklist\n");

        List<ChecklistCatalog.Entry> entries = new ChecklistCatalog(dir, Loading.standardLoader()).entries();

        assertEquals(List.of("broken.yaml", "carts.yaml"), entries.stream().map(en -> en.file().getFileName().toString()).toList());
        assertEquals(List.of(false, true), entries.stream().map(ChecklistCatalog.Entry::valid).toList());
    }
}
