package io.smokegate.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DORA figures over hand-made deploy histories with known answers. */
class DoraTest {

    private static final Instant FROM = Instant.parse("2026-05-04T00:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofDays(7));

    private static Instant at(int day, int hour, int minute) {
        return FROM.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
    }

    private static DeployMarker deploy(String commit, Instant time) {
        return new DeployMarker("api", "production", "shop", commit, time);
    }

    private static final DeployMarker D1 = deploy("c1c1c1c1", at(0, 10, 0));
    private static final DeployMarker D2 = deploy("c2c2c2c2", at(1, 10, 0));
    private static final DeployMarker D3 = deploy("c3c3c3c3", at(2, 10, 0));
    private static final DeployMarker D4 = deploy("c4c4c4c4", at(3, 10, 0));
    private static final List<DeployMarker> MARKERS = List.of(D4, D1, D3, D2,
            deploy("c0c0c0c0", at(-1, 10, 0)),                                          // before the period
            new DeployMarker("api", "staging", "shop", "c5c5c5c5", at(4, 0, 0)),          // another environment
            new DeployMarker("web", "production", "shop", "c6c6c6c6", at(4, 0, 0)));      // another service
    private static final Map<String, Instant> COMMIT_TIMES = Map.of(
            "c1c1c1c1", at(0, 8, 0), "c2c2c2c2", at(0, 22, 0), "c4c4c4c4", at(3, 9, 0)); // c3's time unknown

    private static Dora.Figures compute(List<Dora.AttributedAlert> alerts) {
        return Dora.compute("api", "production", FROM, TO, MARKERS, COMMIT_TIMES, alerts);
    }

    @Test
    void deploymentFrequencyCountsTheServicesDeploysInThePeriodAndPerDay() {
        Dora.Figures f = compute(List.of());

        assertEquals(4, f.deployments());
        assertEquals(4 / 7.0, f.deploymentsPerDay(), 1e-12);
    }

    @Test
    void leadTimeIsTheMedianOfCommitToDeployOverDeploysWhoseCommitTimeIsKnown() {
        Dora.Figures f = compute(List.of());

        assertEquals(Optional.of(Duration.ofHours(2)), f.leadTimeMedian()); // 2 h, 12 h, 1 h
        assertEquals(3, f.leadTimeSamples());
    }

    @Test
    void changeFailRateAndRecoveryTimeCountOnlyAlertsAttributedToADeploy() {
        List<Dora.AttributedAlert> alerts = List.of(
                new Dora.AttributedAlert("a1", at(1, 10, 30), at(1, 11, 15), D2),   // resolved after 45 min
                new Dora.AttributedAlert("a2", at(2, 11, 0), null, D3),             // still firing; D4 is the fix
                new Dora.AttributedAlert("a3", at(2, 12, 0), at(2, 12, 5), null));  // not caused by a deploy

        Dora.Figures f = compute(alerts);

        assertEquals(2, f.failedDeployments());
        assertEquals(Optional.of(0.5), f.changeFailRate());
        // 45 min and 23 h (alert start to the next deploy): median (45 min + 23 h) / 2
        assertEquals(Optional.of(Duration.ofHours(11).plusMinutes(52).plusSeconds(30)), f.recoveryTimeMedian());
        assertEquals(2, f.recovered());
        assertEquals(0, f.unrecovered());
    }

    @Test
    void aFailedDeployRecoversAtTheEarlierOfResolutionAndTheNextDeployAndOnlyWhenAllItsAlertsResolved() {
        List<Dora.AttributedAlert> alerts = List.of(
                new Dora.AttributedAlert("a1", at(1, 10, 30), at(1, 11, 0), D2),
                new Dora.AttributedAlert("a2", at(1, 10, 40), at(1, 13, 0), D2),    // both resolved: 10:30 → 13:00
                new Dora.AttributedAlert("a3", at(0, 11, 0), at(2, 0, 0), D1));     // D2 came first: 11:00 → next day 10:00

        Dora.Figures f = compute(alerts);

        assertEquals(2, f.failedDeployments());
        assertEquals(Optional.of(Duration.ofHours(2).plusMinutes(30).plus(Duration.ofHours(23)).dividedBy(2)),
                f.recoveryTimeMedian());
    }

    @Test
    void theLastDeployFailingWithItsAlertStillFiringIsUnrecoveredNotGuessed() {
        Dora.Figures f = compute(List.of(new Dora.AttributedAlert("a1", at(3, 10, 5), null, D4)));

        assertEquals(1, f.failedDeployments());
        assertEquals(Optional.of(0.25), f.changeFailRate());
        assertEquals(Optional.empty(), f.recoveryTimeMedian());
        assertEquals(1, f.unrecovered());
    }

    @Test
    void aPeriodWithoutDeploysHasNoRateAndNoMedians() {
        Dora.Figures f = Dora.compute("api", "production", TO, TO.plus(Duration.ofDays(1)), MARKERS, COMMIT_TIMES, List.of());

        assertEquals(0, f.deployments());
        assertEquals(Optional.empty(), f.changeFailRate());
        assertEquals(Optional.empty(), f.leadTimeMedian());
        assertEquals(Optional.empty(), f.recoveryTimeMedian());
    }

    @Test
    void aPeriodThatDoesNotEndAfterItStartsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dora.compute("api", "production", TO, FROM, MARKERS, COMMIT_TIMES, List.of()));

        assertEquals("the period must end after it starts, got " + TO + " to " + FROM, e.getMessage());
    }
}
