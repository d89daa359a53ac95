package io.smokegate.techdebt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleaseVersionTest {

    @Test
    void theFormsUsersAndApiServersWriteAllParse() {
        ReleaseVersion v1320 = new ReleaseVersion(1, 32, 0);
        assertEquals(Optional.of(v1320), ReleaseVersion.parse("v1.32.0"));
        assertEquals(Optional.of(v1320), ReleaseVersion.parse("v1.32"));
        assertEquals(Optional.of(v1320), ReleaseVersion.parse("1.32"));
        assertEquals(Optional.of(v1320), ReleaseVersion.parse(" 1.32.0 "));
        assertEquals(Optional.of(new ReleaseVersion(1, 30, 2)), ReleaseVersion.parse("v1.30.2-eks-1234abcd"));
        assertEquals(Optional.of(new ReleaseVersion(1, 29, 1)), ReleaseVersion.parse("v1.29.1+k3s1"));
        assertEquals("v1.32.0", v1320.toString());
    }

    @Test
    void textThatIsNoReleaseVersionIsRefused() {
        for (String bad : new String[] {"", "v1", "1", "latest", "v1.x", "1.32.0.1", "vv1.32", "1.-2", "v1.32 and more"}) {
            assertTrue(ReleaseVersion.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void versionsCompareByMajorMinorAndPatch() {
        assertTrue(new ReleaseVersion(1, 16, 0).compareTo(new ReleaseVersion(1, 9, 0)) > 0);
        assertTrue(new ReleaseVersion(1, 16, 1).isAtLeast(new ReleaseVersion(1, 16, 0)));
        assertTrue(new ReleaseVersion(0, 16, 0).compareTo(new ReleaseVersion(1, 0, 0)) < 0);
    }

    @Test
    void minorsCountOnlyWithinAMajor() {
        assertEquals(Optional.of(2), new ReleaseVersion(1, 32, 5).minorsUntil(new ReleaseVersion(1, 34, 0)));
        assertEquals(Optional.of(0), new ReleaseVersion(1, 32, 0).minorsUntil(new ReleaseVersion(1, 32, 3)));
        assertEquals(Optional.empty(), new ReleaseVersion(0, 16, 0).minorsUntil(new ReleaseVersion(1, 0, 0)));
    }
}
