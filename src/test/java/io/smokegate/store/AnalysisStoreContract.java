package io.smokegate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.analysis.Analysis;
import io.smokegate.analysis.AnalysisMeasurement;
import io.smokegate.analysis.AnalysisPhase;
import io.smokegate.analysis.AnalysisSpec;
import io.smokegate.run.RunIds;
import io.smokegate.slo.GateResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link AnalysisStore} promises, on SQLite and PostgreSQL alike. */
abstract class AnalysisStoreContract {

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    static final AnalysisSpec SPEC = new AnalysisSpec("shop", Duration.ofMinutes(15), Duration.ofMinutes(1), 1, 2, true);

    Database db;
    AnalysisStore store;

    abstract Database openEmptyDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        db = openEmptyDatabase();
        Migrations.apply(db);
        store = new AnalysisStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Analysis started(AnalysisSpec spec, int minutes) throws StoreException {
        Analysis a = Analysis.started(RunIds.next(), spec, "ci-token", T0.plusSeconds(60L * minutes));
        store.start(a, "replica-1");
        return a;
    }

    private static AnalysisMeasurement measurement(int index, GateResult result, Double score) {
        return new AnalysisMeasurement(index, T0.plusSeconds(60L * index), RunIds.next(), RunIds.next(), result, score,
                result.label() + " at " + index);
    }

    @Test
    void aStartedAnalysisIsRecordedAsRunningWithItsSpecAndOwner() throws StoreException {
        Analysis a = started(SPEC, 0);
        AnalysisStore.Owned found = store.find(a.id()).orElseThrow();
        assertEquals(new AnalysisStore.Owned(a, "replica-1"), found);
        assertEquals(List.of(found), store.running());
        assertEquals(Optional.empty(), store.abortRequestedBy(a.id()));
    }

    @Test
    void measurementsReadBackInOrderWithAMissingScoreKeptMissing() throws StoreException {
        Analysis a = started(SPEC, 0);
        AnalysisMeasurement pass = measurement(1, GateResult.PASS, 97.5);
        AnalysisMeasurement error = measurement(2, GateResult.ERROR, null);
        assertTrue(store.addMeasurement(a.id(), pass));
        assertTrue(store.addMeasurement(a.id(), error));
        assertEquals(a.with(pass).with(error), store.find(a.id()).orElseThrow().analysis());
    }

    @Test
    void finishingStoresThePhaseTheMessageAndTheEnd() throws StoreException {
        Analysis a = started(SPEC, 0).with(measurement(1, GateResult.FAIL, 40.0));
        store.addMeasurement(a.id(), a.measurements().get(0));
        Analysis failed = a.finish(AnalysisPhase.FAILED, T0.plusSeconds(61), "1 of 1 measurements failed");
        assertTrue(store.finish(failed));
        assertEquals(failed, store.find(a.id()).orElseThrow().analysis());
        assertEquals(List.of(), store.running());
    }

    @Test
    void aFinishedAnalysisIsNeverFinishedAgainNorMeasuredAfter() throws StoreException {
        Analysis a = started(SPEC, 0);
        Analysis error = a.finish(AnalysisPhase.ERROR, T0.plusSeconds(5), "the replica running it stopped");
        assertTrue(store.finish(error));
        assertFalse(store.finish(a.finish(AnalysisPhase.SUCCESSFUL, T0.plusSeconds(900), "all measured")));
        assertFalse(store.addMeasurement(a.id(), measurement(1, GateResult.PASS, 100.0)));
        assertEquals(error, store.find(a.id()).orElseThrow().analysis());
    }

    @Test
    void theFirstAbortRequestCountsAndOnlyWhileRunning() throws StoreException {
        Analysis a = started(SPEC, 0);
        assertTrue(store.requestAbort(a.id(), "alice"));
        assertTrue(store.requestAbort(a.id(), "bob"));
        assertEquals(Optional.of("alice"), store.abortRequestedBy(a.id()));
        store.finish(a.finish(AnalysisPhase.ERROR, T0.plusSeconds(2), "aborted by alice"));
        assertFalse(store.requestAbort(a.id(), "carol"));
        assertFalse(store.requestAbort(RunIds.next(), "carol"));
    }

    @Test
    void anUnknownAnalysisIsNotFound() throws StoreException {
        assertEquals(Optional.empty(), store.find(RunIds.next()));
        assertEquals(Optional.empty(), store.abortRequestedBy(RunIds.next()));
        assertFalse(store.addMeasurement(RunIds.next(), measurement(1, GateResult.PASS, 100.0)));
    }

    @Test
    void theListIsNewestFirstInPagesFollowedByTheirCursor() throws StoreException {
        String first = started(SPEC, 0).id();
        String second = started(SPEC, 1).id();
        String third = started(SPEC, 2).id();
        AnalysisStore.Page page1 = store.list(null, 2, null);
        assertEquals(List.of(third, second), page1.analyses().stream().map(Analysis::id).toList());
        AnalysisStore.Page page2 = store.list(null, 2, page1.next());
        assertEquals(List.of(first), page2.analyses().stream().map(Analysis::id).toList());
        assertNull(page2.next());
    }

    @Test
    void theListOfOneChecklistLeavesOthersOutAndCarriesMeasurements() throws StoreException {
        Analysis shop = started(SPEC, 0);
        AnalysisMeasurement m = measurement(1, GateResult.WARNING, 80.0);
        store.addMeasurement(shop.id(), m);
        started(new AnalysisSpec("billing", Duration.ofMinutes(5), Duration.ofMinutes(1), 0, 0, false), 1);
        assertEquals(List.of(shop.with(m)), store.list("shop", 10, null).analyses());
    }

    @Test
    void aCursorThisStoreDidNotIssueIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.list(null, 10, "not a cursor!"));
        assertEquals("cursor is not one this server issued", e.getMessage());
    }
}
