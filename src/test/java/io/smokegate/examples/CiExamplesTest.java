package io.smokegate.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.testing.ArgoWebMetric;
import io.smokegate.testing.ChildJvm;
import io.smokegate.testing.CiScripts;
import io.smokegate.testing.HttpChecklists;
import io.smokegate.testing.TargetServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * deploy/examples' GitHub Actions, GitLab CI and Tekton files as shipped: their scripts, taken out as each CI
 * runs them, run against the real CLI with a passing and a failing checklist (http checks of a loopback server).
 */
class CiExamplesTest {

    private static final Path EXAMPLES = Path.of("deploy/examples");

    @TempDir
    Path dir;

    TargetServer target;
    Path bin;
    /** GitHub's job summary file, $GITHUB_STEP_SUMMARY. */
    Path summary;

    @BeforeEach
    void setUp() throws Exception {
        target = new TargetServer();
        bin = CiScripts.launcher(dir.resolve("tools")).getParent();
        Files.writeString(dir.resolve("pass.yaml"), HttpChecklists.gated("site", target.url("/ok"), ", key: true"));
        Files.writeString(dir.resolve("fail.yaml"), HttpChecklists.gated("broken", target.url("/fail"), ", key: true"));
        summary = dir.resolve("step-summary.md");
    }

    @AfterEach
    void tearDown() {
        target.close();
    }

    /** The JUnit XML's gate test suite, {@code <checklist>.slo}, parsed: it exists and is XML. */
    private static Element sloSuite(Path junit) throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        return (Element) xml.getElementsByTagName("testsuite").item(1);
    }

    private ChildJvm.Result github(String checklist) throws Exception {
        return github(Map.of("checklist", checklist));
    }

    private ChildJvm.Result github(Map<String, String> inputs) throws Exception {
        Files.writeString(summary, "# earlier steps\n");
        return CiScripts.run(CiScripts.githubStep(EXAMPLES.resolve("github-actions/action.yml"), inputs),
                dir, bin, Map.of("GITHUB_STEP_SUMMARY", summary.toString()));
    }

    @Test
    void theGithubActionAnalysesAWindowWithEveryMeasurementInItsReports() throws Exception {
        ChildJvm.Result r = github(Map.of("checklist", "pass.yaml", "for", "2s", "interval", "1s"));
        assertEquals(0, r.exitCode(), r.output());
        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("smokegate-gate.xml").toFile());
        assertEquals("analysis site", ((Element) junit.getElementsByTagName("testsuite").item(0)).getAttribute("name"));
        assertEquals(3, junit.getElementsByTagName("testcase").getLength(), "two measurements and the analysis");
        String text = Files.readString(summary);
        assertTrue(text.startsWith("# earlier steps\n### ✅ smokegate analysis: `site` Successful"), text);
        assertEquals(2, target.requests(), "one run per measurement, every report from the same analysis");
    }

    @Test
    void theGithubActionPassesAndAppendsTheMarkdownToTheJobSummary() throws Exception {
        ChildJvm.Result r = github("pass.yaml");
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("site.slo", sloSuite(dir.resolve("smokegate-gate.xml")).getAttribute("name"));
        assertEquals("0", sloSuite(dir.resolve("smokegate-gate.xml")).getAttribute("failures"));
        String text = Files.readString(summary);
        assertTrue(text.startsWith("# earlier steps\n### ✅ smokegate: `site` passed"), text);
        assertTrue(text.contains("#### ✅ gate pass: score 100% &gt;= 90% to pass"), text);
        assertEquals(Files.readString(dir.resolve("smokegate-gate.md")), text.substring("# earlier steps\n".length()));
        assertEquals(1, target.requests(), "one run for every report");
    }

    @Test
    void theGithubActionFailsWithExitOneAndStillWritesBothReports() throws Exception {
        ChildJvm.Result r = github("fail.yaml");
        assertEquals(1, r.exitCode(), r.output());
        assertEquals("2", sloSuite(dir.resolve("smokegate-gate.xml")).getAttribute("failures"));
        assertTrue(Files.readString(summary).contains("#### ❌ gate fail: key objective 'home-up' failed"), Files.readString(summary));
    }

    @Test
    void theGithubActionSaysSoInTheSummaryWhenThereIsNoReport() throws Exception {
        ChildJvm.Result r = github("missing.yaml");
        assertEquals(2, r.exitCode(), r.output());
        assertEquals("# earlier steps\n### smokegate gate `missing.yaml`: no report (exit 2, see the step's log)\n",
                Files.readString(summary));
    }

    private ChildJvm.Result gitlab(String checklist) throws Exception {
        return CiScripts.run(CiScripts.gitlabJob(EXAMPLES.resolve("gitlab/smokegate-gate.gitlab-ci.yml"), ".smokegate-gate",
                Map.of("SMOKEGATE", "smokegate", "SMOKEGATE_CHECKLIST", checklist)), dir, bin, Map.of());
    }

    @Test
    void theGitlabJobPassesWithTheJunitReportAndTheSummaryWhereItsArtifactsSayTheyAre() throws Exception {
        ChildJvm.Result r = gitlab("pass.yaml");
        assertEquals(0, r.exitCode(), r.output());
        JsonNode artifacts = ArgoWebMetric.documents(EXAMPLES.resolve("gitlab/smokegate-gate.gitlab-ci.yml")).getFirst()
                .at("/.smokegate-gate/artifacts");
        assertEquals("always", artifacts.get("when").asText());
        assertEquals("site.slo", sloSuite(dir.resolve(artifacts.at("/reports/junit").asText())).getAttribute("name"));
        artifacts.get("paths").forEach(p -> assertTrue(Files.isRegularFile(dir.resolve(p.asText())), p.asText()));
        assertTrue(r.output().contains("#### ✅ gate pass"), r.output());
    }

    @Test
    void theGitlabJobFailsWithExitOne() throws Exception {
        ChildJvm.Result r = gitlab("fail.yaml");
        assertEquals(1, r.exitCode(), r.output());
        assertEquals("2", sloSuite(dir.resolve("smokegate-gate.xml")).getAttribute("failures"));
        assertTrue(Files.readString(dir.resolve("smokegate-gate.md")).contains("gate fail"));
    }

    private ChildJvm.Result tekton(String checklist, Path results) throws Exception {
        Files.createDirectories(results);
        return CiScripts.run(CiScripts.tektonStep(EXAMPLES.resolve("tekton/smokegate-gate-task.yaml"),
                Map.of("checklist", checklist, "smokegate", "smokegate"), Map.of("source", dir),
                Map.of("verdict", results.resolve("verdict"), "junit", results.resolve("junit"))), dir, bin, Map.of());
    }

    @Test
    void theTektonTaskPassesAndItsResultsNameTheVerdictAndTheJunitXml() throws Exception {
        Path results = dir.resolve("results");
        ChildJvm.Result r = tekton("pass.yaml", results);
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("pass", Files.readString(results.resolve("verdict")));
        Path junit = Path.of(Files.readString(results.resolve("junit")));
        assertEquals(dir.resolve("smokegate/gate.xml"), junit);
        assertEquals("site.slo", sloSuite(junit).getAttribute("name"));
        assertTrue(Files.readString(dir.resolve("smokegate/gate.md")).contains("gate pass"));
    }

    @Test
    void theTektonTaskFailsWithExitOneAndTheFailVerdict() throws Exception {
        Path results = dir.resolve("results");
        ChildJvm.Result r = tekton("fail.yaml", results);
        assertEquals(1, r.exitCode(), r.output());
        assertEquals("fail", Files.readString(results.resolve("verdict")));
        assertEquals("2", sloSuite(dir.resolve("smokegate/gate.xml")).getAttribute("failures"));
    }

    @Test
    void theTektonTaskOfAWindowNamesTheAnalysisPhase() throws Exception {
        Path results = dir.resolve("results");
        Files.createDirectories(results);
        ChildJvm.Result r = CiScripts.run(CiScripts.tektonStep(EXAMPLES.resolve("tekton/smokegate-gate-task.yaml"),
                Map.of("checklist", "fail.yaml", "smokegate", "smokegate", "for", "3s", "interval", "1s"), Map.of("source", dir),
                Map.of("verdict", results.resolve("verdict"), "junit", results.resolve("junit"))), dir, bin, Map.of());
        assertEquals(1, r.exitCode(), r.output());
        assertEquals("Failed", Files.readString(results.resolve("verdict")));
        assertTrue(Files.readString(dir.resolve("smokegate/gate.md")).startsWith("### ❌ smokegate analysis: `broken` Failed"));
    }

    @Test
    void theTektonTaskIsATaskOfTektonV1WithAWorkspaceAndResults() throws Exception {
        JsonNode task = ArgoWebMetric.documents(EXAMPLES.resolve("tekton/smokegate-gate-task.yaml")).getFirst();
        assertEquals("tekton.dev/v1", task.get("apiVersion").asText());
        assertEquals("Task", task.get("kind").asText());
        assertEquals(1, task.at("/spec/workspaces").size());
        assertEquals(2, task.at("/spec/results").size());
        task.at("/spec/params").forEach(p -> assertEquals("string", p.get("type").asText(), p.toString()));
    }
}
