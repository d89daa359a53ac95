package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.testing.ChildJvm;
import io.smokegate.testing.CiScripts;
import io.smokegate.testing.HttpChecklists;
import io.smokegate.testing.Ports;
import io.smokegate.testing.TargetServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/examples/github-actions/action.yml in API mode: its script, with curl and jq, against a real serve. */
class GithubActionApiModeTest {

    @TempDir
    Path root;

    TargetServer target;
    ApiTestSupport api;
    Path work;
    Path summary;

    @BeforeEach
    void start() throws Exception {
        target = new TargetServer();
        api = new ApiTestSupport(root.resolve("serve"), TOKEN, 2, 4, Duration.ofSeconds(2));
        api.checklist("site.yaml", HttpChecklists.gated("site", target.url("/ok"), ", key: true"));
        api.checklist("broken.yaml", HttpChecklists.gated("broken", target.url("/fail"), ", key: true"));
        work = Files.createDirectories(root.resolve("work"));
        summary = work.resolve("step-summary.md");
        Files.writeString(summary, "");
    }

    @AfterEach
    void stop() {
        api.close();
        target.close();
    }

    private ChildJvm.Result action(String checklist, String url, String token) throws Exception {
        return CiScripts.run(CiScripts.githubStep(Path.of("deploy/examples/github-actions/action.yml"),
                        Map.of("checklist", checklist, "smokegate-url", url, "token", token)),
                work, work, Map.of("GITHUB_STEP_SUMMARY", summary.toString()));
    }

    private String url() {
        return "http://127.0.0.1:" + api.app.port() + "/";
    }

    @Test
    void aPassingGateExitsZeroWithTheVerdictInTheSummaryAndTheJsonReportKept() throws Exception {
        ChildJvm.Result r = action("site", url(), TOKEN);
        assertEquals(0, r.exitCode(), r.output());
        String text = Files.readString(summary);
        assertTrue(text.startsWith("### smokegate gate `site`: pass\n\nscore 100% >= 90% to pass"), text);
        assertTrue(text.contains("| `home-up` | pass | 1 | 1 meets =1 |"), text);
        assertEquals("pass", new ObjectMapper().readTree(work.resolve("smokegate-gate.json").toFile()).at("/verdict/result").asText());
    }

    @Test
    void aFailingGateExitsOne() throws Exception {
        ChildJvm.Result r = action("broken", url(), TOKEN);
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(Files.readString(summary).startsWith("### smokegate gate `broken`: fail\n"), Files.readString(summary));
    }

    @Test
    void aRejectedRequestIsInvalidInputNamingTheAnswer() throws Exception {
        ChildJvm.Result r = action("site", url(), "not-the-token");
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains("answered HTTP 401"), r.output());
        assertEquals(0, target.requests());
    }

    @Test
    void anUnreachableServeIsExitThreeNeverAPass() throws Exception {
        ChildJvm.Result r = action("site", "http://127.0.0.1:" + Ports.free(), TOKEN);
        assertEquals(3, r.exitCode(), r.output());
        assertTrue(Files.readString(summary).contains("no report (exit 3"), Files.readString(summary));
    }
}
