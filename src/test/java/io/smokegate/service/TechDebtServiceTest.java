package io.smokegate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.schedule.Schedule;
import io.smokegate.store.Database;
import io.smokegate.store.StoreException;
import io.smokegate.store.TechDebtStore;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.ScanTargets;
import io.smokegate.techdebt.SourceResult;
import io.smokegate.techdebt.Skipped;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.techdebt.TechDebtScan;
import io.smokegate.techdebt.TechDebtSource;
import io.smokegate.techdebt.Thresholds;
import io.smokegate.testing.LogCapture;
import io.smokegate.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans on a schedule and on demand, one at a time, each stored; failures counted for the gauges. */
class TechDebtServiceTest {

    private static final DeprecatedApis TABLE = DeprecatedApis.bundled();
    private static final Schedule EVERY_10S = new Schedule.Every(Duration.ofSeconds(10));

    @TempDir
    Path dir;

    Database db;
    TechDebtStore store;
    ManualClock clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));
    LogCapture log;
    TechDebtService service;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(dir.resolve("data"), null, null, null);
        store = new TechDebtStore(db);
        log = LogCapture.of(TechDebtService.class);
    }

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
        log.close();
        db.close();
    }

    /**
     * A source that reports 3 files scanned once {@code release} opens, and counts its scans; or, given a failure,
     * a source with a bug that throws it instead of reporting what it could not read.
     */
    static final class Counting implements TechDebtSource {
        final AtomicInteger scans = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        private final String name;
        private final CountDownLatch release;
        private final RuntimeException failure;

        Counting(CountDownLatch release) {
            this("file", release, null);
        }

        Counting(String name, CountDownLatch release, RuntimeException failure) {
            this.name = name;
            this.release = release;
            this.failure = failure;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SourceResult scan(DeprecatedApis table, TargetVersions targets) {
            scans.incrementAndGet();
            entered.countDown();
            if (failure != null) {
                throw failure;
            }
            try {
                if (!release.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return SourceResult.ofDeprecatedApis(List.of(), List.of(), Map.of("manifestFilesScanned", 3L));
        }
    }

    private TechDebtService service(List<TechDebtSource> sources, Thresholds thresholds) {
        service = new TechDebtService(TABLE, sources, ScanTargets.fixed(TargetVersions.newest(TABLE)), thresholds, EVERY_10S, store, clock);
        return service;
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within 20 s");
            }
            Thread.sleep(10);
        }
    }

    private int storedScans() {
        try {
            return store.figures(null, null, 500).size();
        } catch (StoreException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void scansRunOnTheScheduleAndAreStored() throws Exception {
        Counting source = new Counting(new CountDownLatch(0));
        service(List.of(source), Thresholds.NONE).start(Duration.ofMillis(20));

        await("the first scheduled scan", () -> storedScans() == 1);
        clock.advance(Duration.ofSeconds(10));
        await("the second scheduled scan", () -> storedScans() == 2);

        assertEquals(List.of(Instant.parse("2026-12-06T10:00:00Z"), Instant.parse("2026-12-06T10:00:10Z")),
                store.figures(null, null, 10).stream().map(TechDebtStore.Point::scannedAt).toList());
        assertEquals(2, source.scans.get());
        await("the log line of the second scan", () -> log.at(Level.INFO).size() == 2);
        LogRecord line = log.at(Level.INFO).get(1);
        assertEquals("tech-debt scan", line.getMessage());
        assertEquals(List.of("trigger=schedule", "scannedAt=2026-12-06T10:00:10Z", "durationMs=0", "partial=false", "skipped=0",
                "figures={deprecatedApiFiles=0, deprecatedApiObjects=0, manifestFilesScanned=3}", "crossed=[]"),
                List.of(line.getParameters()));
    }

    @Test
    void aScanAskedForWhileOneRunsJoinsIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Counting source = new Counting(release);
        service(List.of(source), Thresholds.NONE);

        TechDebtService.Requested first = service.scanNow();
        assertTrue(source.entered.await(20, TimeUnit.SECONDS));
        TechDebtService.Requested second = service.scanNow();
        release.countDown();

        assertFalse(first.joined());
        assertTrue(second.joined());
        assertSame(first.done(), second.done());
        assertEquals(first.startedAt(), second.startedAt());
        first.done().get(20, TimeUnit.SECONDS);
        assertEquals(1, source.scans.get());
        assertEquals(1, storedScans());
        assertFalse(service.scanNow().joined(), "once the scan is done, the next request starts a new one");
    }

    @Test
    void aSourceThatFailsLeavesAPartialScanStoredAndIsCountedAsAFailure() throws Exception {
        service(List.of(new Counting("helm", new CountDownLatch(0), new IllegalStateException("decoder bug")),
                new Counting(new CountDownLatch(0))), Thresholds.NONE);

        TechDebtScan scan = service.scanNow().done().get(20, TimeUnit.SECONDS);

        assertEquals(List.of(new Skipped("helm", "the scan failed: java.lang.IllegalStateException: decoder bug")), scan.skipped());
        TechDebtStore.Stored stored = store.latest().orElseThrow();
        assertTrue(stored.partial());
        assertEquals(3L, stored.figures().get("manifestFilesScanned"), "the other source still counts");
        assertEquals(1, service.gauges().failures());
        assertEquals(scan, service.gauges().lastScan());
    }

    @Test
    void aScanTheStoreCannotKeepIsCountedAsAFailureAndStillShown() throws Exception {
        service(List.of(new Counting(new CountDownLatch(0))), Thresholds.NONE);
        db.transaction(c -> {
            try (var s = c.createStatement()) {
                s.execute("DROP TABLE techdebt_scans");
            }
            return null;
        });

        TechDebtScan scan = service.scanNow().done().get(20, TimeUnit.SECONDS);

        assertEquals(1, service.gauges().failures());
        assertEquals(scan, service.gauges().lastScan());
        assertTrue(service.latest().contains("\"manifestFilesScanned\" : 3"), service.latest());
        assertTrue(log.at(Level.WARNING).get(0).getMessage().startsWith("tech-debt scan could not be stored: "),
                log.at(Level.WARNING).get(0).getMessage());
    }

    @Test
    void aCrossedThresholdIsLoggedAsAWarningNamingIt() throws Exception {
        service(List.of(new Counting(new CountDownLatch(0))), Thresholds.NONE.with("manifestFilesScanned", 2));

        service.scanNow().done().get(20, TimeUnit.SECONDS);

        await("the log line", () -> !log.at(Level.WARNING).isEmpty());
        assertEquals("crossed=[manifestFilesScanned is 3, above the maximum of 2]",
                log.at(Level.WARNING).get(0).getParameters()[6]);
    }

    @Test
    void withoutSourcesNothingIsScheduledAndScansAreRefusedSayingWhatToConfigure() throws Exception {
        service(List.of(), Thresholds.NONE).start(Duration.ofMillis(20));

        assertFalse(service.enabled());
        NotFoundException refused = assertThrows(NotFoundException.class, service::scanNow);
        assertEquals("tech-debt scans are off: serve scans once techdebt.repos (or techdebt.contexts) is configured",
                refused.getMessage());
        assertEquals(refused.getMessage(), assertThrows(NotFoundException.class, service::latest).getMessage());
    }

    @Test
    void beforeTheFirstScanTheLatestIsTheNewestStoredOne() throws Exception {
        service(List.of(new Counting(new CountDownLatch(0))), Thresholds.NONE);
        NotFoundException none = assertThrows(NotFoundException.class, service::latest);
        assertEquals("no tech-debt scan yet: the first is under way or scheduled (POST /api/v1/techdebt/scans runs one now)",
                none.getMessage());

        TechDebtScan scan = service.scanNow().done().get(20, TimeUnit.SECONDS);
        TechDebtService restarted = new TechDebtService(TABLE, List.of(new Counting(new CountDownLatch(0))),
                ScanTargets.fixed(TargetVersions.newest(TABLE)), Thresholds.NONE, EVERY_10S, store, clock);

        assertEquals(service.latest(), restarted.latest());
        assertTrue(restarted.latest().startsWith("{\n  \"scannedAt\" : \"" + scan.scannedAt() + "\""), restarted.latest());
        restarted.close();
    }
}
