package io.smokegate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.run.RunIds;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.ReleaseVersion;
import io.smokegate.techdebt.Skipped;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.techdebt.TechDebtScan;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link TechDebtStore} promises, on SQLite and PostgreSQL alike. */
abstract class TechDebtStoreContract {

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    static final TargetVersions TARGETS = TargetVersions.newest(DeprecatedApis.bundled()).with("k8s", new ReleaseVersion(1, 32, 0));

    Database db;
    TechDebtStore store;

    abstract Database openEmptyDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        db = openEmptyDatabase();
        Migrations.apply(db);
        store = new TechDebtStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A scan at {@code T0 + minutes} with {@code files} deprecated-API files and an outdated ratio. */
    static TechDebtScan scan(int minutes, long files, double ratio, boolean partial) {
        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put(TechDebtScan.DEPRECATED_API_FILES, files);
        figures.put("helmOutdatedRatio", ratio);
        return new TechDebtScan(T0.plusSeconds(60L * minutes), TARGETS, figures, List.of(), List.of(), List.of(),
                partial ? List.of(new Skipped("file", "a.yaml:1:1: YAML syntax")) : List.of());
    }

    @Test
    void beforeTheFirstScanThereIsNoLatest() throws StoreException {
        assertEquals(Optional.empty(), store.latest());
        assertEquals(List.of(), store.figures(null, null, 50));
    }

    @Test
    void theLatestIsTheNewestScanWithItsDocumentUnchanged() throws StoreException {
        String older = RunIds.next();
        String newer = RunIds.next();
        store.save(newer, scan(5, 3, 0.5, true), "{\"figures\": {\"deprecatedApiFiles\": 3}}\n");
        store.save(older, scan(0, 7, 0.25, false), "{}\n");
        TechDebtStore.Stored latest = store.latest().orElseThrow();
        assertEquals(new TechDebtStore.Stored(newer, T0.plusSeconds(300), "v1.32.0",
                Map.of("deprecatedApiFiles", 3L, "helmOutdatedRatio", 0.5), true,
                "{\"figures\": {\"deprecatedApiFiles\": 3}}\n"), latest);
    }

    @Test
    void figuresKeepTheirOrderAndWholeNumbersStayWholeAndRatiosStayRatios() throws StoreException {
        store.save(RunIds.next(), scan(0, 2, 1.0, false), "{}");
        Map<String, Number> figures = store.figures(null, null, 10).get(0).figures();
        assertEquals(List.of("deprecatedApiFiles", "helmOutdatedRatio"), List.copyOf(figures.keySet()));
        assertEquals(2L, figures.get("deprecatedApiFiles"));
        assertEquals(1.0, figures.get("helmOutdatedRatio"));
    }

    @Test
    void figuresOverTimeAreTheNewestInTheRangeOldestFirst() throws StoreException {
        for (int i = 0; i < 6; i++) {
            store.save(RunIds.next(), scan(i, i, 0, i == 4), "{}");
        }
        // from is inclusive, to exclusive: minutes 1 to 4; the limit keeps the newest three of them.
        List<TechDebtStore.Point> points = store.figures(T0.plusSeconds(60), T0.plusSeconds(300), 3);
        assertEquals(List.of(T0.plusSeconds(120), T0.plusSeconds(180), T0.plusSeconds(240)),
                points.stream().map(TechDebtStore.Point::scannedAt).toList());
        assertEquals(List.of(2L, 3L, 4L), points.stream().map(p -> p.figures().get("deprecatedApiFiles")).toList());
        assertEquals(List.of(false, false, true), points.stream().map(TechDebtStore.Point::partial).toList());
    }

    @Test
    void anOpenEndedRangeReachesTheFirstAndTheLastScan() throws StoreException {
        for (int i = 0; i < 3; i++) {
            store.save(RunIds.next(), scan(i, i, 0, false), "{}");
        }
        assertEquals(List.of(T0.plusSeconds(60), T0.plusSeconds(120)),
                store.figures(T0.plusSeconds(60), null, 50).stream().map(TechDebtStore.Point::scannedAt).toList());
        assertEquals(List.of(T0, T0.plusSeconds(60)),
                store.figures(null, T0.plusSeconds(120), 50).stream().map(TechDebtStore.Point::scannedAt).toList());
    }
}
