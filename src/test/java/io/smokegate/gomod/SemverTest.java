package io.smokegate.gomod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.sumdb.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Vectors from golang.org/x/mod/semver's tests, with the module rule for +incompatible. */
class SemverTest {

    @ParameterizedTest(name = "{0}: canonical ''{1}'', major ''{2}''")
    @CsvSource(quoteCharacter = '`', textBlock = """
            bad,                            ``,                             ``
            v1-alpha.beta.gamma,            ``,                             ``
            v1-pre,                         ``,                             ``
            v1+meta,                        ``,                             ``
            v1-pre+meta,                    ``,                             ``
            v1.2-pre,                       ``,                             ``
            v1.2+meta,                      ``,                             ``
            v1.2-pre+meta,                  ``,                             ``
            v1.0.0-alpha,                   v1.0.0-alpha,                   v1
            v1.0.0-alpha.1,                 v1.0.0-alpha.1,                 v1
            v1.0.0-alpha.beta,              v1.0.0-alpha.beta,              v1
            v1.0.0-beta,                    v1.0.0-beta,                    v1
            v1.0.0-beta.2,                  v1.0.0-beta.2,                  v1
            v1.0.0-beta.11,                 v1.0.0-beta.11,                 v1
            v1.0.0-rc.1,                    v1.0.0-rc.1,                    v1
            v1,                             v1.0.0,                         v1
            v1.0,                           v1.0.0,                         v1
            v1.0.0,                         v1.0.0,                         v1
            v1.2,                           v1.2.0,                         v1
            v1.2.0,                         v1.2.0,                         v1
            v1.2.3-456,                     v1.2.3-456,                     v1
            v1.2.3-456.789,                 v1.2.3-456.789,                 v1
            v1.2.3-456-789,                 v1.2.3-456-789,                 v1
            v1.2.3-456a,                    v1.2.3-456a,                    v1
            v1.2.3-pre,                     v1.2.3-pre,                     v1
            v1.2.3-pre+meta,                v1.2.3-pre,                     v1
            v1.2.3-pre.1,                   v1.2.3-pre.1,                   v1
            v1.2.3-zzz,                     v1.2.3-zzz,                     v1
            v1.2.3,                         v1.2.3,                         v1
            v1.2.3+meta,                    v1.2.3,                         v1
            v1.2.3+meta-pre,                v1.2.3,                         v1
            v1.2.3+meta-pre.sha.256a,       v1.2.3,                         v1
            v2.0.0+incompatible,            v2.0.0+incompatible,            v2
            v1.2.3-pre+incompatible,        v1.2.3-pre+incompatible,        v1
            v01.2.3,                        ``,                             ``
            v1.02.3,                        ``,                             ``
            v1.2.03,                        ``,                             ``
            v1.2.3-01,                      ``,                             ``
            v1.2.3-,                        ``,                             ``
            v1.2.3-a..b,                    ``,                             ``
            v1.2.3+,                        ``,                             ``
            v1.2.3-pre_1,                   ``,                             ``
            1.2.3,                          ``,                             ``
            ``,                             ``,                             ``
            """)
    void canonicalFormAndMajorVersion(String version, String canonical, String major) {
        assertEquals(canonical, Semver.canonical(version));
        assertEquals(major, Semver.major(version));
        assertEquals(!canonical.isEmpty(), Semver.isValid(version));
    }

    @Test
    void precedenceFollowsSemverOrgRuleEleven() {
        List<String> ascending = List.of("bad", "v1.0.0-alpha", "v1.0.0-alpha.1", "v1.0.0-alpha.beta", "v1.0.0-beta",
                "v1.0.0-beta.2", "v1.0.0-beta.11", "v1.0.0-rc.1", "v1.0.0", "v1.2.3-0", "v1.2.3-9", "v1.2.3-10", "v1.2.3-a",
                "v1.2.3", "v1.10.0", "v2", "v10.0.0");
        for (int i = 0; i < ascending.size(); i++) {
            for (int j = 0; j < ascending.size(); j++) {
                assertEquals(Integer.compare(i, j), Semver.compare(ascending.get(i), ascending.get(j)),
                        ascending.get(i) + " vs " + ascending.get(j));
            }
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"v1, v1.0.0", "v1.2, v1.2.0", "v1.2.3+meta, v1.2.3", "v1.2.3+a, v1.2.3+b", "bad, also-bad", "v1.0.0-01, x"})
    void buildMetadataShorthandsAndInvalidVersionsCompareEqual(String a, String b) {
        assertEquals(0, Semver.compare(a, b));
        assertEquals(0, Semver.compare(b, a));
    }

    @ParameterizedTest(name = "{0} is a prerelease: {1}")
    @CsvSource({"v1.0.0-rc.1, true", "v0.0.0-20191109021931-daa7c04131f5, true", "v1.0.0, false", "v1.0.0+meta, false",
        "v1, false", "bad-version, false"})
    void prereleaseNeedsAValidVersionWithAHyphenPart(String version, boolean prerelease) {
        assertEquals(prerelease, Semver.isPrerelease(version));
    }

    @ParameterizedTest(name = "{0} is a pseudo-version: {1}")
    @CsvSource({
            "v0.0.0-20191109021931-daa7c04131f5, true",
            "v1.2.4-0.20191109021931-daa7c04131f5, true",
            "v1.2.3-pre.0.20191109021931-daa7c04131f5, true",
            "v1.2.3-pre.0.20191109021931-daa7c04131f5+incompatible, true",
            "v2.0.0-20180501001701-0a1f8e0b3a1b+incompatible, true",
            "v1.2.3, false",
            "v1.2.3-pre, false",
            "v0.0.0-2019110902193-daa7c04131f5, false",
            "v1.2.4-1.20191109021931-daa7c04131f5, false",
            "v0.0.0-20191109021931, false",
            "v0.0.0-20191109021931-daa7c04131f5-extra.x, false",
    })
    void pseudoVersionsFollowTheGoCommandPattern(String version, boolean pseudo) {
        assertEquals(pseudo, Semver.isPseudoVersion(version));
    }
}
