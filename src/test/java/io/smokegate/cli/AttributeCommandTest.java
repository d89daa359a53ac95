package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.testing.GitRepoBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smokegate attribute}: an answer on stdout (exit 0), bad input (exit 2), an unreadable repository (exit 3). */
class AttributeCommandTest {

    @TempDir
    Path dir;

    private static final String ALERT = """
            {"version":"4","status":"firing","alerts":[{"status":"firing","fingerprint":"f00d",
              "labels":{"alertname":"HighErrorRate","service":"api"},"annotations":{},
              "startsAt":"2026-05-01T09:00:00Z"}]}""";

    @Test
    void answersWithTheIssuesJsonShapeAndExitZero() throws IOException {
        Path repo = dir.resolve("repo");
        String base;
        String culprit;
        try (GitRepoBuilder git = GitRepoBuilder.init(repo)) {
            base = git.write("services/api/a.go", "package a\n").commit("init", Instant.parse("2026-05-01T07:00:00Z"));
            culprit = git.write("services/api/a.go", "package a\n\nfunc f() {}\n")
                    .commit("api: f (#12)", Instant.parse("2026-05-01T08:00:00Z"));
            git.setOrigin("https://github.com/acme/shop.git");
        }
        Path alert = Files.writeString(dir.resolve("alert.json"), ALERT);
        Path deploys = Files.writeString(dir.resolve("deploys.json"), """
                [{"service":"api","environment":"production","repository":"shop","commit":"%s","time":"2026-05-01T07:10:00Z"},
                 {"service":"api","environment":"production","repository":"shop","commit":"%s","time":"2026-05-01T08:30:00Z"}]
                """.formatted(base, culprit));

        CliRun run = CliRun.of("attribute", "--repo", repo.toString(), "--alert", alert.toString(), "--deploys",
                deploys.toString(), "--paths", "services/api/**", "--format", "json");

        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(List.of("alert", "deploy", "window", "suspects", "confidence", "note"), fields(json));
        JsonNode top = json.get("suspects").get(0);
        assertEquals(List.of("commit", "score", "reasons", "url", "pullRequest", "author", "time", "subject", "files", "hunks"),
                fields(top));
        assertEquals(culprit, top.get("commit").asText());
        assertEquals("https://github.com/acme/shop/pull/12", top.at("/pullRequest/url").asText());
        assertEquals("https://github.com/acme/shop/blob/" + culprit + "/services/api/a.go#L2", top.at("/hunks/0/url").asText());
        assertEquals(base, json.at("/deploy/previousCommit").asText());
        assertEquals("high", json.get("confidence").asText());
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void malformedAlertJsonExitsTwoNamingTheFileLineAndColumn() throws IOException {
        Path repo = dir.resolve("repo");
        try (GitRepoBuilder git = GitRepoBuilder.init(repo)) {
            git.write("a.txt", "a\n").commit("init", Instant.parse("2026-05-01T07:00:00Z"));
        }
        Path alert = Files.writeString(dir.resolve("alert.json"), "{\"labels\": {\"service\": \"api\",}\n}");

        CliRun run = CliRun.of("attribute", "--repo", repo.toString(), "--alert", alert.toString());

        assertEquals(ExitCode.INVALID, run.exitCode());
        assertTrue(run.err().startsWith("error: " + alert + ":1:30: not valid JSON: Unexpected character ('}'"), run.err());
    }

    @Test
    void anAlertWithoutStartsAtExitsTwoNamingTheField() throws IOException {
        Path alert = Files.writeString(dir.resolve("alert.json"), "{\"labels\": {\"service\": \"api\"}}");

        CliRun run = CliRun.of("attribute", "--repo", dir.toString(), "--alert", alert.toString());

        assertEquals(ExitCode.INVALID, run.exitCode());
        assertEquals("error: " + alert + ": $.startsAt: missing\n", run.err());
    }

    @Test
    void aMissingRepositoryExitsThree() throws IOException {
        Path missing = dir.resolve("nope");

        assertEquals(new CliRun(ExitCode.UNREACHABLE, "", "error: --repo: " + missing + ": no such directory\n"),
                attributeIn(missing));
    }

    @Test
    void aDirectoryThatIsNoRepositoryExitsThree() throws IOException {
        assertEquals(new CliRun(ExitCode.UNREACHABLE, "", "error: --repo: " + dir
                + ": not a Git repository (neither a working tree nor a bare repository)\n"), attributeIn(dir));
    }

    private CliRun attributeIn(Path repo) throws IOException {
        Path alert = Files.writeString(dir.resolve("alert.json"), ALERT);
        return CliRun.of("attribute", "--repo", repo.toString(), "--alert", alert.toString());
    }
}
