package io.smokegate.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.testing.GitRepoBuilder;
import io.smokegate.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Service repositories: local paths in place, remote ones (a bare repository behind a file:// URL) cloned and fetched. */
class RepositoriesTest {

    private static final Instant NOW = Instant.parse("2026-05-10T12:00:00Z");

    @TempDir
    Path dir;

    private Repositories repositories(Duration shallowSince) {
        return new Repositories(new Repositories.Settings(dir.resolve("data"), shallowSince, Duration.ofSeconds(5)),
                new ManualClock(NOW));
    }

    /** A bare repository at dir/remote.git holding what the builder committed; returns its file:// URL. */
    private String publish(GitRepoBuilder git) throws Exception {
        Path bare = dir.resolve("remote.git");
        if (!Files.exists(bare)) {
            Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        }
        String url = bare.toUri().toString();
        try (Git source = Git.open(git.dir().toFile())) {
            source.push().setRemote(url).setRefSpecs(new org.eclipse.jgit.transport.RefSpec("refs/heads/main:refs/heads/main"))
                    .call();
        }
        return url;
    }

    private static String head(Repository repo) throws Exception {
        ObjectId id = repo.resolve("refs/heads/main^{commit}");
        return id == null ? null : id.name();
    }

    @Test
    void aRemoteUrlIsClonedBareIntoTheDataDirectoryOnFirstOpen() throws Exception {
        try (GitRepoBuilder git = GitRepoBuilder.init(dir.resolve("work"))) {
            String tip = git.write("app.txt", "v1\n").commit("first", NOW.minus(Duration.ofHours(1)));
            String url = publish(git);
            Repositories repos = repositories(null);

            try (Repository repo = repos.open("shop", url)) {
                assertTrue(repo.isBare());
                assertEquals(tip, head(repo));
            }
            assertTrue(Files.isDirectory(dir.resolve("data/repos/shop.git")));
            assertEquals(Optional.of(NOW), repos.lastFetched("shop"));
        }
    }

    @Test
    void aFetchBringsTheCommitsPushedSinceTheClone() throws Exception {
        try (GitRepoBuilder git = GitRepoBuilder.init(dir.resolve("work"))) {
            git.write("app.txt", "v1\n").commit("first", NOW.minus(Duration.ofHours(2)));
            String url = publish(git);
            Repositories repos = repositories(null);
            repos.open("shop", url).close();
            String second = git.write("app.txt", "v2\n").commit("second", NOW.minus(Duration.ofHours(1)));
            publish(git);

            repos.fetch("shop", url);

            try (Repository repo = repos.open("shop", url)) {
                assertEquals(second, head(repo));
            }
        }
    }

    @Test
    void shallowSinceLeavesOutCommitsOlderThanTheConfiguredHistory() throws Exception {
        try (GitRepoBuilder git = GitRepoBuilder.init(dir.resolve("work"))) {
            String old = git.write("app.txt", "v1\n").commit("old", NOW.minus(Duration.ofDays(60)));
            String recent = git.write("app.txt", "v2\n").commit("recent", NOW.minus(Duration.ofDays(2)));
            String url = publish(git);

            try (Repository repo = repositories(Duration.ofDays(30)).open("shop", url)) {
                assertEquals(recent, head(repo));
                assertTrue(repo.getObjectDatabase().has(ObjectId.fromString(recent)));
                assertFalse(repo.getObjectDatabase().has(ObjectId.fromString(old)), "the old commit was fetched");
            }
        }
    }

    @Test
    void anUnreachableUrlFailsWithTheNameTheUrlAndWhatToCheckAndLeavesNoClone() {
        Repositories repos = repositories(null);

        Repositories.RepositoryException e = assertThrows(Repositories.RepositoryException.class,
                () -> repos.open("shop", "http://127.0.0.1:1/x.git"));

        assertTrue(e.getMessage().startsWith("repository 'shop' (http://127.0.0.1:1/x.git) could not be cloned: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; check the URL and that this host can reach it"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("data/repos/shop.git")));
        assertEquals(Optional.empty(), repos.lastFetched("shop"));
    }

    @Test
    void aLocalPathIsOpenedInPlaceWithoutCloning() throws Exception {
        try (GitRepoBuilder git = GitRepoBuilder.init(dir.resolve("work"))) {
            String tip = git.write("app.txt", "v1\n").commit("first", NOW);

            try (Repository repo = repositories(null).open("shop", git.dir().toString())) {
                assertEquals(tip, head(repo));
            }
            assertFalse(Files.exists(dir.resolve("data/repos")));
        }
    }

    @Test
    void aNameThatWouldLeaveTheReposDirectoryIsRefused() {
        Repositories.RepositoryException e = assertThrows(Repositories.RepositoryException.class,
                () -> repositories(null).fetch("../etc", "file:///tmp/x.git"));

        assertEquals("repository name '../etc' is not usable as a directory name: use letters, digits, '.', '_' and '-' "
                + "(up to 100), starting with a letter or digit", e.getMessage());
    }

    @Test
    void urlsAndScpStyleAddressesAreRemoteAndPathsAreLocal() {
        assertTrue(Repositories.isRemote("https://github.com/acme/shop.git"));
        assertTrue(Repositories.isRemote("file:///srv/git/shop.git"));
        assertTrue(Repositories.isRemote("git@github.com:acme/shop.git"));
        assertFalse(Repositories.isRemote("/srv/checkouts/shop"));
        assertFalse(Repositories.isRemote("checkouts/shop"));
    }
}
