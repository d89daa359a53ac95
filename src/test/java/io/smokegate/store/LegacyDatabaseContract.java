package io.smokegate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.check.CheckRegistry;
import io.smokegate.run.RunReport;
import io.smokegate.slo.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database made by the release before the HikariCP pool ({@link LegacyRecords}), opened by today's code: it
 * migrates, and every record reads back as it was written — row by row, and through the stores.
 */
abstract class LegacyDatabaseContract {

    Database db;

    /** The fixture database of this dialect, opened (and so migrated) with {@link Database#open}. */
    abstract Database openLegacyDatabase() throws Exception;

    /** The resource holding the fixture's rows as the old release read them. */
    abstract String rowsResource();

    @BeforeEach
    void open() throws Exception {
        db = openLegacyDatabase();
    }

    @AfterEach
    void close() {
        db.close();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = LegacyDatabaseContract.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void openingMigratesToTheLatestSchema() throws StoreException {
        assertEquals(Migrations.latest(), db.read(Migrations::current));
    }

    @Test
    void everyRowReadsBackUnchanged() throws Exception {
        assertEquals(resource(rowsResource()).lines().toList(), LegacyRecords.rows(db));
    }

    @Test
    void runsReadBackThroughTheStoreUnchanged() throws StoreException {
        RunStore runs = new RunStore(db, CheckRegistry.standard());
        for (RunReport r : LegacyRecords.runs()) {
            assertEquals(Optional.of(r), runs.find(r.runId()));
        }
    }

    @Test
    void verdictsReadBackThroughTheStoreUnchanged() throws StoreException {
        VerdictStore verdicts = new VerdictStore(db);
        for (Verdict v : LegacyRecords.verdicts()) {
            assertEquals(Optional.of(new VerdictStore.Stored(v.id(), v.checklist(), v.runId(), v.result(), v.evaluation().score(),
                    v.evaluatedAt(), LegacyRecords.verdictDocument(v))), verdicts.find(v.id()));
        }
    }

    @Test
    void experimentsReadBackThroughTheStoreUnchanged() throws StoreException {
        ExperimentStore experiments = new ExperimentStore(db);
        for (ExperimentStore.Experiment e : LegacyRecords.experiments()) {
            assertEquals(Optional.of(e), experiments.find(e.id()));
        }
    }

    @Test
    void deploymentsReadBackThroughTheStoreUnchanged() throws StoreException {
        List<DeploymentStore.Deployment> stored = new DeploymentStore(db).list(DeploymentStore.Query.ALL, 10);
        assertEquals(new HashSet<>(LegacyRecords.deployments()), new HashSet<>(stored));
        assertEquals(LegacyRecords.deployments().size(), stored.size());
    }

    @Test
    void attributionsReadBackThroughTheStoreUnchanged() throws StoreException {
        AttributionStore attributions = new AttributionStore(db);
        for (AttributionStore.Stored a : LegacyRecords.attributions()) {
            assertEquals(Optional.of(a), attributions.find(a.id()));
        }
    }
}
