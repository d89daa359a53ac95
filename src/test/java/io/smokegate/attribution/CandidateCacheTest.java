package io.smokegate.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each commit is diffed once while it stays in the cache; the cache holds at most its byte budget. */
class CandidateCacheTest {

    private static Candidate commit(String id, int lineLength) {
        return new Candidate(id, List.of("parent"), "Ada <ada@example.com>", Instant.parse("2026-05-01T08:00:00Z"), "s", "s",
                List.of(new FileChange("a.go", true, List.of(new FileChange.Line(1, "x".repeat(lineLength))), List.of())));
    }

    @Test
    void aCommitIsReadOnceAndThenServedFromTheCache() throws Exception {
        CandidateCache cache = new CandidateCache(CandidateCache.DEFAULT_BYTES);
        AtomicInteger reads = new AtomicInteger();
        Candidate c = commit("c1", 10);

        Candidate first = cache.get("c1", () -> { reads.incrementAndGet(); return c; });
        Candidate second = cache.get("c1", () -> { reads.incrementAndGet(); return commit("c1", 10); });

        assertSame(first, second);
        assertEquals(1, reads.get());
    }

    @Test
    void theLeastRecentlyUsedCommitsLeaveWhenTheBudgetIsFull() throws Exception {
        long one = CandidateCache.size(commit("c1", 1000));
        CandidateCache cache = new CandidateCache(2 * one);
        cache.get("c1", () -> commit("c1", 1000));
        cache.get("c2", () -> commit("c2", 1000));
        cache.get("c1", () -> commit("c1", 1000)); // c1 used again: c2 is now the eldest
        cache.get("c3", () -> commit("c3", 1000));

        AtomicInteger reads = new AtomicInteger();
        cache.get("c1", () -> { reads.incrementAndGet(); return commit("c1", 1000); });
        cache.get("c2", () -> { reads.incrementAndGet(); return commit("c2", 1000); });

        assertEquals(1, reads.get(), "c1 was kept, c2 was read again");
        assertEquals(2, cache.size());
    }
}
