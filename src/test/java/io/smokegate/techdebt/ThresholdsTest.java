package io.smokegate.techdebt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Figures judged against their maxima: above crosses, the maximum itself does not. */
class ThresholdsTest {

    private static Map<String, Number> figures(Object... namesAndValues) {
        Map<String, Number> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put((String) namesAndValues[i], (Number) namesAndValues[i + 1]);
        }
        return out;
    }

    @Test
    void aFigureAboveItsMaximumCrossesAndOneAtItsMaximumDoesNot() {
        Thresholds t = Thresholds.NONE.with("deprecatedApiFiles", 10).with("helmOutdatedRatio", 0.3)
                .with("statefulSetsWithoutPdb", 0);
        List<ThresholdCrossing> crossed = t.crossed(figures("deprecatedApiFiles", 10L, "helmOutdatedRatio", 0.31,
                "statefulSetsWithoutPdb", 2L));
        assertEquals(List.of(new ThresholdCrossing("helmOutdatedRatio", 0.31, 0.3),
                new ThresholdCrossing("statefulSetsWithoutPdb", 2, 0)), crossed);
        assertEquals("helmOutdatedRatio is 0.31, above the maximum of 0.3", crossed.get(0).describe());
        assertEquals("statefulSetsWithoutPdb is 2, above the maximum of 0", crossed.get(1).describe());
    }

    @Test
    void aFigureTheScanDidNotReportCrossesNothingAndIsListedAsUnmeasured() {
        Thresholds t = Thresholds.NONE.with("deprecatedApiFiles", 0).with("helmOutdatedRatio", 0.3);
        Map<String, Number> onlyFiles = figures("deprecatedApiFiles", 0L, "manifestFilesScanned", 4L);
        assertEquals(List.of(), t.crossed(onlyFiles));
        assertEquals(List.of("helmOutdatedRatio"), t.unmeasured(onlyFiles));
    }

    @Test
    void theCommandLineFormIsFigureEqualsMaximum() {
        assertEquals(Map.of("helmOutdatedRatio", 0.3, "deprecatedApiFiles", 10.0),
                Thresholds.NONE.with("helmOutdatedRatio=0.3").with(" deprecatedApiFiles = 10 ").limits());
        assertEquals(Map.of("deprecatedApiFiles", 5.0), Thresholds.NONE.with("deprecatedApiFiles=10").with("deprecatedApiFiles=5").limits(),
                "the later maximum of a figure wins");
    }

    @Test
    void anUnknownFigureIsRefusedNamingTheNearestAndEveryKnownOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Thresholds.NONE.with("helmOutdatedRatoi=0.3"));
        assertEquals("unknown figure 'helmOutdatedRatoi' (did you mean 'helmOutdatedRatio'? known figures: deprecatedApiFiles, "
                + "deprecatedApiObjects, manifestFilesScanned, helmReleases, helmOutdated, helmOutdatedRatio, "
                + "helmDeprecatedCharts, hygieneWorkloads, statefulSetsWithoutPdb, deploymentsWithoutPdb, "
                + "missingPodDisruptionBudget, deploymentMissingReplicas, livenessProbeMissing, readinessProbeMissing, "
                + "cpuRequestsMissing, memoryRequestsMissing, cpuLimitsMissing, memoryLimitsMissing, tagNotSpecified, "
                + "runAsRootAllowed, lastAppliedObjects, deprecatedApisRequested)", e.getMessage());
    }

    @Test
    void aMaximumThatIsNoNumberOrNegativeIsRefused() {
        assertEquals("deprecatedApiFiles: 'ten' is not a number of at least 0",
                assertThrows(IllegalArgumentException.class, () -> Thresholds.NONE.with("deprecatedApiFiles=ten")).getMessage());
        assertEquals("deprecatedApiFiles: '-1' is not a number of at least 0",
                assertThrows(IllegalArgumentException.class, () -> Thresholds.NONE.with("deprecatedApiFiles=-1")).getMessage());
        assertEquals("'deprecatedApiFiles' is not FIGURE=MAX, e.g. deprecatedApiFiles=10 or helmOutdatedRatio=0.3",
                assertThrows(IllegalArgumentException.class, () -> Thresholds.NONE.with("deprecatedApiFiles")).getMessage());
    }
}
