package io.smokegate.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.testing.GitRepoBuilder;
import io.smokegate.testing.OneCulpritHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attribution on repositories built by the tests, each with a known culprit. */
class AttributorTest {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

    @TempDir
    Path dir;

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static AlertInput alert(String service, Instant startsAt, Map<String, String> annotations) {
        return new AlertInput("HighErrorRate", Optional.of("abc123"), startsAt,
                Map.of("alertname", "HighErrorRate", "service", service), annotations);
    }

    private static DeployMarker marker(String service, String commit, Instant time) {
        return new DeployMarker(service, "production", "shop", commit, time);
    }

    private Attribution attribute(Path repoDir, AlertInput alert, List<DeployMarker> markers, List<String> paths,
            Optional<RepoLinks> links) throws IOException {
        try (Repository repo = Attributor.open(repoDir.toFile())) {
            return new Attributor(Limits.DEFAULT, AlertInput.DEFAULT_SERVICE_LABELS)
                    .attribute(repo, alert, markers, paths, links, 5);
        }
    }

    @Test
    void theOnlyCommitOfTwentyThatTouchesTheServicesPathsRanksFirstWithHighConfidence() throws IOException {
        OneCulpritHistory history = OneCulpritHistory.build(dir);
        String base = history.base();
        String culprit = history.culprit();
        String deployed = history.deployed();

        Attribution a = attribute(dir, alert("api", at(300), Map.of()),
                List.of(marker("api", base, at(5)), marker("api", deployed, at(220))), List.of("services/api/**"),
                Optional.empty());

        assertEquals(culprit, a.suspects().getFirst().commit());
        assertEquals(Attribution.Confidence.HIGH, a.confidence());
        assertEquals(21, a.window().commits());
        assertEquals(Optional.of(deployed), a.deploy().commit());
        assertEquals(Optional.of(base), a.deploy().previousCommit());
        assertEquals("touches the service's paths (services/api/**): services/api/handler.go",
                a.suspects().getFirst().reasons().getFirst());
    }

    @Test
    void anImageTagBumpAmongConfigChangesRanksFirstNamingOldAndNewTag() throws IOException {
        try (GitRepoBuilder git = GitRepoBuilder.init(dir)) {
            String deployment = "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: %d\n  template:\n    spec:\n"
                    + "      containers:\n        - name: api\n          image: registry.example.com/api:%s\n";
            String base = git.write("deploy/api.yaml", deployment.formatted(2, "1.4.0"))
                    .write("deploy/config.yaml", "log_level: info\n").commit("init", at(0));
            git.write("deploy/api.yaml", deployment.formatted(3, "1.4.0")).commit("scale api to 3", at(10));
            String bump = git.write("deploy/api.yaml", deployment.formatted(3, "1.5.0")).commit("api 1.5.0", at(20));
            String last = git.write("deploy/config.yaml", "log_level: debug\n").commit("debug logs", at(30));

            Attribution a = attribute(git.dir(), alert("api", at(60), Map.of()),
                    List.of(marker("api", base, at(1)), marker("api", last, at(40))), List.of("deploy/**"), Optional.empty());

            Suspect top = a.suspects().getFirst();
            assertEquals(bump, top.commit());
            assertTrue(top.reasons().contains("bumps image registry.example.com/api from 1.4.0 to 1.5.0 (deploy/api.yaml:9)"),
                    top.reasons().toString());
            assertEquals(new Suspect.Hunk("deploy/api.yaml", 9, "image: registry.example.com/api:1.5.0", Optional.empty()),
                    top.hunks().getFirst());
        }
    }

    @Test
    void aGoModDependencyBumpNamedInTheAlertRanksFirst() throws IOException {
        try (GitRepoBuilder git = GitRepoBuilder.init(dir)) {
            String goMod = "module example.com/shop\n\ngo 1.22\n\nrequire github.com/acme/middleware %s\n";
            String base = git.write("go.mod", goMod.formatted("v1.4.1")).write("main.go", "package main\n").commit("init", at(0));
            git.write("main.go", "package main\n\n// big refactor\nfunc a() {}\nfunc b() {}\nfunc c() {}\n").commit("refactor", at(10));
            String bump = git.write("go.mod", goMod.formatted("v1.4.2")).commit("deps: update middleware", at(20));
            String last = git.write("util.go", "package main\n\nfunc d() {}\n").commit("util", at(30));

            Attribution a = attribute(git.dir(), alert("api", at(60),
                            Map.of("description", "panics in github.com/acme/middleware v1.4.2 since the deploy")),
                    List.of(marker("api", base, at(1)), marker("api", last, at(40))), List.of(), Optional.empty());

            Suspect top = a.suspects().getFirst();
            assertEquals(bump, top.commit());
            assertEquals(List.of("bumps Go module github.com/acme/middleware from v1.4.1 to v1.4.2 (go.mod:5)",
                    "changes 2 lines in 1 file", "committed 20 min before the deploy",
                    "the alert names v1.4.2, which this commit adds (go.mod:5)",
                    "the alert names 'github.com/acme/middleware', which this commit mentions (go.mod:5)"), top.reasons());
            assertEquals("no paths map service api to files (give --paths); ranked without ownership", a.note());
        }
    }

    @Test
    void withoutDeployMarkersTheCandidatesAreTheCommitsOfTheDayBeforeTheAlertAndTheNoteSaysSo() throws IOException {
        try (GitRepoBuilder git = GitRepoBuilder.init(dir)) {
            git.write("services/api/a.go", "package a\n").commit("old", at(0));
            String recent = git.write("services/api/b.go", "package a\n").commit("recent", at(26 * 60));

            Attribution a = attribute(git.dir(), alert("api", at(27 * 60), Map.of()), List.of(), List.of("services/api/**"),
                    Optional.empty());

            assertEquals(Optional.of(at(3 * 60)), a.window().from());
            assertEquals(Optional.of(at(27 * 60)), a.window().to());
            assertEquals(1, a.window().commits());
            assertEquals(recent, a.suspects().getFirst().commit());
            assertEquals(Optional.empty(), a.deploy().commit());
            assertEquals(Attribution.Confidence.MEDIUM, a.confidence());
            assertEquals("no deploy marker for service api at or before the alert started; the candidates are the commits"
                    + " of the 24 hours before it on HEAD", a.note());
        }
    }

    @Test
    void twoServicesInOneRepositoryAreSeparatedByTheirPaths() throws IOException {
        try (GitRepoBuilder git = GitRepoBuilder.init(dir)) {
            String base = git.write("services/api/a.go", "package a\n").write("services/web/w.js", "x\n").commit("init", at(0));
            String web = git.write("services/web/w.js", "y\n").commit("web: change", at(10));
            String api = git.write("services/api/a.go", "package a\n\nfunc f() {}\n").commit("api: change", at(20));
            List<DeployMarker> markers = List.of(marker("api", base, at(1)), marker("web", base, at(1)),
                    marker("api", api, at(30)), marker("web", api, at(30)));

            Attribution forWeb = attribute(git.dir(), alert("web", at(60), Map.of()), markers, List.of("services/web/**"),
                    Optional.empty());
            Attribution forApi = attribute(git.dir(), alert("api", at(60), Map.of()), markers, List.of("services/api/**"),
                    Optional.empty());

            assertEquals(web, forWeb.suspects().getFirst().commit());
            assertEquals(api, forApi.suspects().getFirst().commit());
        }
    }

    @Test
    void aCommitRevertedLaterInTheRangeRanksBelowTheOneStillDeployed() throws IOException {
        try (GitRepoBuilder git = GitRepoBuilder.init(dir)) {
            String base = git.write("services/api/a.go", "package a\n").commit("init", at(0));
            String reverted = git.write("services/api/a.go", "package a\n\nfunc broken() {}\n").commit("api: broken", at(10));
            String revert = git.write("services/api/a.go", "package a\n")
                    .commit("Revert \"api: broken\"\n\nThis reverts commit " + reverted + ".\n", at(20));
            String culprit = git.write("services/api/b.go", "package a\n\nfunc g() {}\n").commit("api: g", at(30));

            Attribution a = attribute(git.dir(), alert("api", at(60), Map.of()),
                    List.of(marker("api", base, at(1)), marker("api", culprit, at(40))), List.of("services/api/**"),
                    Optional.empty());

            assertEquals(culprit, a.suspects().getFirst().commit());
            Suspect r = a.suspects().stream().filter(s -> s.commit().equals(reverted)).findFirst().orElseThrow();
            assertTrue(r.reasons().contains("reverted later in the range by " + revert.substring(0, 7)
                    + ", so its change is no longer deployed"), r.reasons().toString());
            assertEquals(culprit, a.suspects().getFirst().commit());
        }
    }

    @Test
    void aCommitMergedByAPullRequestCarriesItsNumberAndLinks() throws IOException {
        try (GitRepoBuilder git = GitRepoBuilder.init(dir)) {
            String base = git.write("services/api/a.go", "package a\n").commit("init", at(0));
            git.branch("retry", true);
            String feature = git.write("services/api/retry.go", "package a\n\nfunc retry() {}\n").commit("api: retry", at(10));
            git.branch("main", false);
            git.write("docs/x.md", "x\n").commit("docs", at(15));
            String merge = git.merge("retry", "Merge pull request #42 from acme/retry\n\napi: retry", at(20));

            Attribution a = attribute(git.dir(), alert("api", at(60), Map.of()),
                    List.of(marker("api", base, at(1)), marker("api", merge, at(30))), List.of("services/api/**"),
                    RepoLinks.of("https://github.com/acme/shop.git"));

            Suspect top = a.suspects().getFirst();
            assertEquals(feature, top.commit());
            assertEquals(Optional.of(new Suspect.PullRequest(42, Optional.of("https://github.com/acme/shop/pull/42"))),
                    top.pullRequest());
            assertEquals(Optional.of("https://github.com/acme/shop/commit/" + feature), top.url());
            assertEquals(new Suspect.Hunk("services/api/retry.go", 1, "package a",
                    Optional.of("https://github.com/acme/shop/blob/" + feature + "/services/api/retry.go#L1")),
                    top.hunks().getFirst());
            assertEquals(3, a.window().commits());
            assertEquals(2, a.suspects().size());
        }
    }

    @Test
    void aDeployedCommitMissingFromTheRepositoryIsAnAnswerWithConfidenceNone() throws IOException {
        try (GitRepoBuilder git = GitRepoBuilder.init(dir)) {
            String base = git.write("services/api/a.go", "package a\n").commit("init", at(0));
            String gone = "0123456789abcdef0123456789abcdef01234567";

            Attribution a = attribute(git.dir(), alert("api", at(60), Map.of()),
                    List.of(marker("api", base, at(1)), marker("api", gone, at(30))), List.of("services/api/**"),
                    Optional.empty());

            assertEquals(Attribution.Confidence.NONE, a.confidence());
            assertEquals(List.of(), a.suspects());
            assertEquals("deployed commit " + gone + " is not in the repository (force-push?)", a.note());
            assertEquals(Optional.of(gone), a.deploy().commit());
        }
    }

    @Test
    void aHunkNamesTheOwnedFileEvenWhenAnotherFileHasTheSameLine() throws IOException {
        try (GitRepoBuilder git = GitRepoBuilder.init(dir)) {
            String base = git.write("README.md", "shop\n").commit("init", at(0));
            String both = git.write("api/a.go", "package a\n").write("web/a.go", "package a\n").commit("a twice", at(10));

            Attribution a = attribute(git.dir(), alert("api", at(60), Map.of()),
                    List.of(marker("api", base, at(1)), marker("api", both, at(30))), List.of("api"), Optional.empty());

            assertEquals(List.of(new Suspect.Hunk("api/a.go", 1, "package a", Optional.empty())),
                    a.suspects().getFirst().hunks());
        }
    }

    @Test
    void gitLabLinksUseTheDashPaths() {
        RepoLinks links = RepoLinks.of("https://gitlab.example.com/acme/shop").orElseThrow();

        assertEquals(List.of("https://gitlab.example.com/acme/shop/-/commit/abc",
                        "https://gitlab.example.com/acme/shop/-/merge_requests/7",
                        "https://gitlab.example.com/acme/shop/-/blob/abc/go.mod#L3"),
                List.of(links.commit("abc"), links.pullRequest(7), links.line("abc", "go.mod", 3)));
    }
}
