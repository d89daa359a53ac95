package io.smokegate.store;

import static io.smokegate.testing.SampleRuns.T0;
import static io.smokegate.testing.SampleRuns.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckRegistry;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Measurement;
import io.smokegate.check.Severity;
import io.smokegate.check.net.NetFamily;
import io.smokegate.run.RunIds;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunStatus;
import io.smokegate.testing.SampleRuns;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link RunStore} and {@link Migrations} promise, whatever the database. Subclasses supply a fresh,
 * empty database per test: {@link SqliteRunStoreTest} and {@link PostgresRunStoreTest} run these same tests.
 */
abstract class RunStoreContract {

    Database db;
    RunStore store;

    /** A new empty database, not yet migrated. */
    abstract Database openEmptyDatabase() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        db = openEmptyDatabase();
        Migrations.apply(db);
        store = new RunStore(db, CheckRegistry.standard());
    }

    @AfterEach
    void closeStore() {
        if (db != null) {
            db.close();
        }
    }

    // ---- save and find -------------------------------------------------------------------------------

    @Test
    void theSeverityOfASecurityFailureIsStoredAndReadBack() throws Exception {
        RunReport report = SampleRuns.run("proxy", T0, SampleRuns.securityFailure("sum", "checksum mismatch"),
                check("plain", CheckStatus.FAILED, "status 500"));
        store.save(report);

        RunReport found = store.find(report.runId()).orElseThrow();

        assertEquals(List.of(Severity.SECURITY, Severity.NORMAL), found.checks().stream().map(CheckResult::severity).toList());
    }

    @Test
    void savedRunIsFoundWithEveryField() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("status", 503);
        nested.put("bytes", 5_000_000_000L);
        nested.put("ratio", 0.25);
        nested.put("tls", true);
        nested.put("redirect", null);
        nested.put("headers", List.of(Map.of("name", "Retry-After", "value", "120"), Map.of("name", "Server", "value", "nginx")));
        nested.put("timings", Map.of("dns", List.of(1, 2, 3), "connect", Map.of("ms", 12.5)));
        CheckResult passed = new CheckResult("module-zip", "goproxy.module", CheckStatus.PASSED, T0.plusMillis(5),
                Duration.ofMillis(812), "h1 hash matches", Map.of("version", "v1.6.0"),
                List.of(new Measurement(NetFamily.PHASE_DURATION, 0.012, List.of("connect")),
                        new Measurement(NetFamily.HTTP_STATUS_CODE, 200, List.of())), 1, 2.5);
        CheckResult failed = new CheckResult("sumdb", "http", CheckStatus.FAILED, T0.plusMillis(7), Duration.ofMillis(3001),
                "503 from sum.golang.org", nested, List.of(), 3, 1.0);
        CheckResult skipped = new CheckResult("latest", "http", CheckStatus.SKIPPED, T0.plusMillis(3001), Duration.ZERO,
                "needs sumdb, which failed", Map.of(), List.of(), 0, 0.5);
        RunReport report = new RunReport(RunIds.next(), "goproxy-public", Map.of("env", "prod", "region", "eu-west-1"),
                RunStatus.FAILED, "schedule", T0, Duration.ofMillis(3456), List.of(passed, failed, skipped));

        store.save(report);

        assertEquals(Optional.of(report), store.find(report.runId()));
    }

    @Test
    void unicodeSurvivesInMessagesDetailsAndLabels() throws Exception {
        String text = "Grüße 日本語 עברית 🚀 e\u0301 \u2028 \"quotes\" 'single' \\backslash\\ \t tab";
        RunReport report = new RunReport(RunIds.next(), "unicode", Map.of("owner", "Zoë 🚀"), RunStatus.FAILED, "api", T0,
                Duration.ofMillis(1), List.of(check("u", CheckStatus.FAILED, text, Map.of("körper", List.of(text)))));

        store.save(report);

        assertEquals(Optional.of(report), store.find(report.runId()));
    }

    @Test
    void nulCharacterInAMessageIsStoredAsAReplacementCharacter() throws Exception {
        RunReport report = SampleRuns.run("nul", T0, check("nul", CheckStatus.FAILED, "before\0after",
                Map.of("body", "a\0b")));

        store.save(report);

        CheckResult found = store.find(report.runId()).orElseThrow().checks().get(0);
        assertEquals("before\uFFFDafter", found.message());
        assertEquals(Map.of("body", "a\0b"), found.details(), "details are JSON, which escapes NUL, so it survives");
    }

    @Test
    void runWithoutChecksRoundTrips() throws Exception {
        RunReport empty = SampleRuns.run("empty", T0);

        store.save(empty);

        assertEquals(Optional.of(empty), store.find(empty.runId()));
    }

    @Test
    void findOfAnUnknownIdIsEmpty() throws Exception {
        store.save(SampleRuns.passing("known", T0));

        assertEquals(Optional.empty(), store.find(RunIds.next()));
        assertEquals(Optional.empty(), store.find("not-a-run-id"));
        assertEquals(Optional.empty(), store.find("' OR '1'='1"));
    }

    // ---- listing -------------------------------------------------------------------------------------

    @Test
    void emptyStoreListsNothing() throws Exception {
        RunPage page = store.list(RunQuery.latest(null, 10));

        assertEquals(List.of(), page.runs());
        assertNull(page.next());
    }

    @Test
    void listSummarisesEachRun() throws Exception {
        RunReport report = SampleRuns.run("summary", T0,
                check("a", CheckStatus.PASSED, "ok"), check("b", CheckStatus.PASSED, "ok"),
                check("c", CheckStatus.FAILED, "no"), check("d", CheckStatus.ERROR, "bug"),
                check("e", CheckStatus.SKIPPED, "needs c"));
        store.save(report);

        RunSummary summary = store.list(RunQuery.latest(null, 10)).runs().get(0);

        assertEquals(new RunSummary(report.runId(), "summary", RunStatus.FAILED, "cli", T0, Duration.ofMillis(1500),
                2, 1, 1, 1), summary);
    }

    @Test
    void listIsNewestFirstAndPagesThroughEveryRunExactlyOnce() throws Exception {
        List<RunReport> saved = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // Every third run shares its start time with the one before, so pages must break ties by id.
            Instant startedAt = T0.plusSeconds(i - i / 3);
            RunReport r = SampleRuns.passing("paged", startedAt);
            store.save(r);
            saved.add(r);
        }
        List<String> expected = saved.stream()
                .sorted(Comparator.comparing(RunReport::startedAt).thenComparing(RunReport::runId).reversed())
                .map(RunReport::runId)
                .toList();

        List<String> listed = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            RunPage page = store.list(new RunQuery(null, null, null, null, 7, cursor));
            page.runs().forEach(r -> listed.add(r.runId()));
            pageSizes.add(page.runs().size());
            cursor = page.next();
        } while (cursor != null);

        assertEquals(expected, listed);
        assertEquals(List.of(7, 7, 7, 7, 2), pageSizes);
    }

    @Test
    void lastFullPageHasNoNextCursor() throws Exception {
        for (int i = 0; i < 4; i++) {
            store.save(SampleRuns.passing("exact", T0.plusSeconds(i)));
        }

        RunPage first = store.list(RunQuery.latest(null, 2));
        RunPage second = store.list(new RunQuery(null, null, null, null, 2, first.next()));

        assertEquals(2, second.runs().size());
        assertNull(second.next(), "no empty page after the last one");
    }

    @Test
    void listFiltersByChecklist() throws Exception {
        RunReport a = SampleRuns.passing("alpha", T0);
        RunReport b = SampleRuns.passing("beta", T0.plusSeconds(1));
        RunReport a2 = SampleRuns.passing("alpha", T0.plusSeconds(2));
        for (RunReport r : List.of(a, b, a2)) {
            store.save(r);
        }

        assertEquals(List.of(a2.runId(), a.runId()), ids(store.list(RunQuery.latest("alpha", 10))));
        assertEquals(List.of(), ids(store.list(RunQuery.latest("gamma", 10))));
    }

    @Test
    void listFiltersByStatus() throws Exception {
        RunReport ok = SampleRuns.passing("s", T0);
        RunReport bad = SampleRuns.run("s", T0.plusSeconds(1), check("x", CheckStatus.FAILED, "down"));
        RunReport broken = SampleRuns.run("s", T0.plusSeconds(2), check("x", CheckStatus.ERROR, "bug"));
        for (RunReport r : List.of(ok, bad, broken)) {
            store.save(r);
        }

        assertEquals(List.of(bad.runId()), ids(store.list(new RunQuery(null, RunStatus.FAILED, null, null, 10, null))));
        assertEquals(List.of(broken.runId()), ids(store.list(new RunQuery(null, RunStatus.ERROR, null, null, 10, null))));
        assertEquals(List.of(), ids(store.list(new RunQuery(null, RunStatus.ABORTED, null, null, 10, null))));
    }

    @Test
    void sinceIsInclusiveAndUntilIsExclusive() throws Exception {
        List<RunReport> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RunReport r = SampleRuns.passing("window", T0.plusSeconds(i));
            store.save(r);
            runs.add(r);
        }

        RunPage page = store.list(new RunQuery(null, null, T0.plusSeconds(1), T0.plusSeconds(3), 10, null));

        assertEquals(List.of(runs.get(2).runId(), runs.get(1).runId()), ids(page));
    }

    @Test
    void filtersCombineAndPageTogether() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            RunReport r = i % 2 == 0
                    ? SampleRuns.run("combo", T0.plusSeconds(i), check("x", CheckStatus.FAILED, "down"))
                    : SampleRuns.passing(i % 3 == 0 ? "other" : "combo", T0.plusSeconds(i));
            store.save(r);
            if (r.checklist().equals("combo") && r.status() == RunStatus.FAILED && i >= 2 && i < 10) {
                expected.add(0, r.runId());
            }
        }

        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            RunPage page = store.list(new RunQuery("combo", RunStatus.FAILED, T0.plusSeconds(2), T0.plusSeconds(10), 3, cursor));
            listed.addAll(ids(page));
            cursor = page.next();
        } while (cursor != null);

        assertEquals(expected, listed);
        assertEquals(4, listed.size());
    }

    @Test
    void cursorThatThisStoreDidNotIssueIsAnIllegalArgument() {
        String notBase64 = "%%%not base64%%%";
        String noSeparator = Base64.getUrlEncoder().encodeToString("garbage".getBytes(StandardCharsets.UTF_8));
        String notANumber = Base64.getUrlEncoder().encodeToString("yesterday:abc".getBytes(StandardCharsets.UTF_8));
        for (String cursor : List.of(notBase64, noSeparator, notANumber)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.list(new RunQuery(null, null, null, null, 10, cursor)), cursor);
            assertEquals("cursor is not one this server issued", e.getMessage());
        }
    }

    @Test
    void limitOutsideOneToTwoHundredIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RunQuery.latest(null, 0));
        assertThrows(IllegalArgumentException.class, () -> RunQuery.latest(null, RunQuery.MAX_LIMIT + 1));
    }

    // ---- migrations ----------------------------------------------------------------------------------

    @Test
    void migratingAgainChangesNothingAndKeepsTheData() throws Exception {
        RunReport report = SampleRuns.passing("kept", T0);
        store.save(report);

        Migrations.apply(db);
        Migrations.apply(db);

        assertEquals(Migrations.latest(), db.read(Migrations::current));
        assertEquals(Migrations.latest(), count("SELECT COUNT(*) FROM smokegate_schema"));
        assertEquals(Optional.of(report), store.find(report.runId()));
    }

    @Test
    void freshDatabaseIsAtTheLatestVersionAfterMigrating() throws Exception {
        assertEquals(Migrations.latest(), db.read(Migrations::current));
        assertEquals(0, count("SELECT COUNT(*) FROM runs"));
    }

    @Test
    void databaseFromANewerSmokegateIsRefusedWithAClearMessage() throws Exception {
        int newer = Migrations.latest() + 1;
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO smokegate_schema (version, name, applied_at) VALUES (?, 'V" + newer + "__future.sql', 0)")) {
                p.setInt(1, newer);
                p.executeUpdate();
            }
            return null;
        });

        StoreException e = assertThrows(StoreException.class, () -> Migrations.apply(db));

        assertTrue(e.getMessage().contains("schema version " + newer + " is newer than this smokegate knows ("
                + Migrations.latest() + "); upgrade smokegate"), e.getMessage());
        assertTrue(e.getMessage().contains(db.display()), "names the database: " + e.getMessage());
        assertEquals(false, e.unreachable());
    }

    // ---- atomicity and concurrency -------------------------------------------------------------------

    @Test
    void saveThatFailsHalfWayLeavesNothingBehind() throws Exception {
        // The second check's details cannot be encoded: the run row and the first check are already written.
        RunReport report = SampleRuns.run("half", T0,
                check("first", CheckStatus.PASSED, "ok"),
                check("second", CheckStatus.FAILED, "odd", Map.of("value", new Object())),
                check("third", CheckStatus.PASSED, "ok"));

        StoreException e = assertThrows(StoreException.class, () -> store.save(report));

        assertTrue(e.getMessage().contains("cannot encode value as JSON"), e.getMessage());
        assertEquals(Optional.empty(), store.find(report.runId()));
        assertEquals(0, count("SELECT COUNT(*) FROM runs"));
        assertEquals(0, count("SELECT COUNT(*) FROM check_results"));
    }

    @Test
    void savingARunIdTwiceFailsAndKeepsTheFirstRunIntact() throws Exception {
        RunReport first = SampleRuns.run("dup", T0, check("a", CheckStatus.PASSED, "ok"), check("b", CheckStatus.PASSED, "ok"));
        RunReport second = SampleRuns.run(first.runId(), "dup", T0.plusSeconds(60),
                check("x", CheckStatus.FAILED, "no"), check("y", CheckStatus.FAILED, "no"), check("z", CheckStatus.FAILED, "no"));
        store.save(first);

        assertThrows(StoreException.class, () -> store.save(second));

        assertEquals(Optional.of(first), store.find(first.runId()));
        assertEquals(2, count("SELECT COUNT(*) FROM check_results"));
    }

    @Test
    void storeStillWorksAfterAFailedSave() throws Exception {
        RunReport bad = SampleRuns.run("after", T0, check("a", CheckStatus.PASSED, "ok", Map.of("v", new Object())));
        assertThrows(StoreException.class, () -> store.save(bad));

        RunReport good = SampleRuns.passing("after", T0);
        store.save(good);

        assertEquals(Optional.of(good), store.find(good.runId()));
    }

    @Test
    void concurrentSavesFromSeveralThreadsAllLand() throws Exception {
        int threads = 8;
        int perThread = 10;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Set<String> savedIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        RunReport r = SampleRuns.run("concurrent-" + thread, T0.plusMillis(thread * 1000L + i),
                                check("a", CheckStatus.PASSED, "ok"), check("b", CheckStatus.FAILED, "no"));
                        store.save(r);
                        savedIds.add(r.runId());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Set<String> listed = new HashSet<>();
        String cursor = null;
        do {
            RunPage page = store.list(new RunQuery(null, null, null, null, RunQuery.MAX_LIMIT, cursor));
            listed.addAll(ids(page));
            cursor = page.next();
        } while (cursor != null);
        assertEquals(threads * perThread, savedIds.size());
        assertEquals(savedIds, listed);
        assertEquals(threads * perThread * 2, count("SELECT COUNT(*) FROM check_results"));
    }

    // ---- helpers -------------------------------------------------------------------------------------

    static List<String> ids(RunPage page) {
        return page.runs().stream().map(RunSummary::runId).toList();
    }

    int count(String sql) throws StoreException {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
