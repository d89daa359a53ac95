package io.smokegate.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
}
