package io.smokegate.techdebt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Statuses at the boundaries, with rows of the shipped table. */
class DeprecatedApiStatusTest {

    private static final DeprecatedApis TABLE = DeprecatedApis.bundled();

    /** batch/v1beta1 CronJob: deprecated in v1.21, removed in v1.25. */
    private static Optional<ApiStatus> cronJob(String target) {
        return TABLE.lookup("batch/v1beta1", "CronJob").orElseThrow().status(ReleaseVersion.parse(target).orElseThrow());
    }

    @Test
    void removedFromTheRemovalReleaseOn() {
        assertEquals(Optional.of(ApiStatus.REMOVED), cronJob("v1.25.0"));
        assertEquals(Optional.of(ApiStatus.REMOVED), cronJob("1.25"));
        assertEquals(Optional.of(ApiStatus.REMOVED), cronJob("v1.36.4"));
    }

    @Test
    void removedInNextWithinTheTwoMinorsBeforeTheRemoval() {
        assertEquals(Optional.of(ApiStatus.REMOVED_IN_NEXT), cronJob("v1.24.17"));
        assertEquals(Optional.of(ApiStatus.REMOVED_IN_NEXT), cronJob("v1.23.0"));
    }

    @Test
    void deprecatedFromTheDeprecationReleaseUntilTwoMinorsBeforeTheRemoval() {
        assertEquals(Optional.of(ApiStatus.DEPRECATED), cronJob("v1.22.9"));
        assertEquals(Optional.of(ApiStatus.DEPRECATED), cronJob("v1.21.0"));
    }

    @Test
    void notReportedBeforeItsDeprecation() {
        assertEquals(Optional.empty(), cronJob("v1.20.15"));
    }

    @Test
    void aRemovalTwoMinorsAheadIsNextEvenBeforeTheDeprecation() {
        // extensions/v1beta1 ReplicaSet was removed in v1.16 without a recorded deprecation release
        DeprecatedApi replicaSet = TABLE.lookup("extensions/v1beta1", "ReplicaSet").orElseThrow();
        assertEquals(Optional.of(ApiStatus.REMOVED_IN_NEXT), replicaSet.status(new ReleaseVersion(1, 14, 0)));
        assertEquals(Optional.empty(), replicaSet.status(new ReleaseVersion(1, 13, 9)));
    }

    @Test
    void aDeprecationWithoutRemovalStaysDeprecated() {
        DeprecatedApi vac = TABLE.lookup("storage.k8s.io/v1beta1", "VolumeAttributesClass").orElseThrow();
        assertEquals(Optional.empty(), vac.status(new ReleaseVersion(1, 33, 0)));
        assertEquals(Optional.of(ApiStatus.DEPRECATED), vac.status(new ReleaseVersion(1, 34, 0)));
        assertEquals(Optional.of(ApiStatus.DEPRECATED), vac.status(new ReleaseVersion(1, 99, 0)));
    }

    @Test
    void aRemovalInTheNextMajorIsNotCountedInMinors() {
        DeprecatedApi api = new DeprecatedApi("example.io/v1alpha1", "", null, new ReleaseVersion(1, 0, 0), "example.io/v1", "istio");
        assertEquals(Optional.empty(), api.status(new ReleaseVersion(0, 16, 0)));
        assertEquals(Optional.of(ApiStatus.REMOVED), api.status(new ReleaseVersion(1, 0, 0)));
    }

    @Test
    void aPatchReleaseRemovalIsNextWithinItsMinor() {
        DeprecatedApi api = new DeprecatedApi("example.io/v1alpha1", "Thing", null, new ReleaseVersion(1, 32, 3), "", "k8s");
        assertEquals(Optional.of(ApiStatus.REMOVED_IN_NEXT), api.status(new ReleaseVersion(1, 32, 2)));
        assertEquals(Optional.of(ApiStatus.REMOVED), api.status(new ReleaseVersion(1, 32, 3)));
    }

    @Test
    void eachComponentIsJudgedAgainstItsOwnTarget() throws Exception {
        TargetVersions targets = TargetVersions.newest(TABLE).with("v1.20").with("cert-manager=v1.5.3");
        DeprecatedApi certificate = TABLE.lookup("cert-manager.io/v1alpha2", "Certificate").orElseThrow();
        assertEquals(Optional.of(ApiStatus.REMOVED_IN_NEXT), targets.status(certificate));
        assertEquals(Optional.of(ApiStatus.REMOVED), TargetVersions.newest(TABLE).status(certificate));
        assertEquals(Optional.empty(), targets.status(TABLE.lookup("batch/v1beta1", "CronJob").orElseThrow()));
    }
}
