package io.smokegate.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckContextTest {

    @TempDir
    Path dataDir;

    final List<String> events = new CopyOnWriteArrayList<>();
    final AtomicInteger opened = new AtomicInteger();

    /** A client that says when it opens and closes. */
    SharedClient<AutoCloseable> client(String name) {
        return new SharedClient<>(name, context -> {
            opened.incrementAndGet();
            events.add("open " + name);
            return () -> events.add("close " + name);
        });
    }

    @Test
    void aSharedClientIsOpenedOnFirstUseAndReusedAfterwards() {
        SharedClient<AutoCloseable> pool = client("pool");
        try (CheckContext context = CheckContext.standalone(dataDir)) {
            assertEquals(0, opened.get(), "nothing is opened before a check asks");

            AutoCloseable first = context.client(pool);
            AutoCloseable second = context.client(pool);

            assertSame(first, second);
            assertEquals(1, opened.get());
        }
    }

    @Test
    void keysWithTheSameNameAreDifferentClients() {
        try (CheckContext context = CheckContext.standalone(dataDir)) {
            context.client(client("same"));
            context.client(client("same"));

            assertEquals(2, opened.get());
        }
    }

    @Test
    void closingTheContextClosesEveryClientNewestFirst() {
        CheckContext context = CheckContext.standalone(dataDir);
        context.client(client("first"));
        context.client(client("second"));

        context.close();

        assertEquals(List.of("open first", "open second", "close second", "close first"), events);
    }

    @Test
    void aClientThatFailsToCloseDoesNotKeepTheOthersOpen() {
        CheckContext context = CheckContext.standalone(dataDir);
        context.client(client("first"));
        context.client(new SharedClient<AutoCloseable>("broken", c -> () -> {
            throw new IllegalStateException("socket already gone");
        }));

        context.close();

        assertEquals(List.of("open first", "close first"), events);
    }

    @Test
    void aClosedContextOpensNothingNew() {
        CheckContext context = CheckContext.standalone(dataDir);
        context.close();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> context.client(client("late")));

        assertEquals("the check context is closed", e.getMessage());
        assertEquals(0, opened.get());
    }

    /** Settings a family registers in the context; here those of a Git-like client of the attribution issue. */
    record GitSettings(Path cacheDir) {
    }

    /** A Git-like shared client, written in a test: the context needs no change to hold it. */
    static final class GitRepositories implements AutoCloseable {
        final Path cacheDir;
        boolean closed;
        int closes;

        GitRepositories(Path cacheDir) {
            this.cacheDir = cacheDir;
        }

        @Override
        public void close() {
            closed = true;
            closes++;
        }
    }

    static final SharedClient<GitRepositories> GIT = new SharedClient<>("git repositories", context ->
            new GitRepositories(context.setting(GitSettings.class).map(GitSettings::cacheDir)
                    .orElse(context.dataDir().resolve("git"))));

    @Test
    void aNewSharedClientReadsItsSettingsFromTheContext() {
        try (CheckContext context = CheckContext.standalone(dataDir).with(GitSettings.class, new GitSettings(Path.of("/cache")))) {
            assertEquals(Path.of("/cache"), context.client(GIT).cacheDir);
        }
    }

    @Test
    void aSharedClientWithoutRegisteredSettingsUsesItsOwnDefaults() {
        try (CheckContext context = CheckContext.standalone(dataDir)) {
            assertEquals(Optional.empty(), context.setting(GitSettings.class));
            assertEquals(dataDir.resolve("git"), context.client(GIT).cacheDir);
        }
    }

    @Test
    void aNewSharedClientIsReusedAndClosedOnceWithTheContext() {
        CheckContext context = CheckContext.standalone(dataDir);
        GitRepositories repositories = context.client(GIT);
        assertSame(repositories, context.client(GIT));

        context.close();
        context.close();

        assertTrue(repositories.closed);
        assertEquals(1, repositories.closes);
    }

    @Test
    void settingsGivenAfterTheFirstClientOpenedAreRefused() {
        try (CheckContext context = CheckContext.standalone(dataDir)) {
            context.client(client("pool"));

            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> context.with(GitSettings.class, new GitSettings(Path.of("/cache"))));

            assertEquals("settings of the check context are given before its first shared client opens", e.getMessage());
        }
    }

    /** A Kubernetes client opening a connection asks the context for its Vert.x while the context closes it. */
    @Test
    void aClientClosingWhileAnotherThreadAsksTheContextDoesNotDeadlock() throws Exception {
        CheckContext context = CheckContext.standalone(dataDir);
        CompletableFuture<String> asked = new CompletableFuture<>();
        AtomicBoolean answeredWhileClosing = new AtomicBoolean();
        context.client(new SharedClient<AutoCloseable>("waits for a caller", c -> () -> {
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    context.vertx();
                    asked.complete("answered");
                } catch (IllegalStateException e) {
                    asked.complete(e.getMessage());
                }
            });
            caller.join(Duration.ofSeconds(2));
            answeredWhileClosing.set(asked.isDone());
        }));

        context.close();

        assertTrue(answeredWhileClosing.get(), "the caller waited for the close to end");
        assertEquals("the check context is closed", asked.get(1, TimeUnit.SECONDS));
    }
}
