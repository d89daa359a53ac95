package io.smokegate.techdebt.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.input.InvalidInputException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Chart versions (semver as Helm orders them) and what an index.yaml says about each chart. */
class ChartIndexTest {

    private static ChartIndex index() throws Exception {
        return ChartIndex.parse("index.yaml", Files.readString(Path.of("src/test/resources/techdebt/charts/index.yaml")), 1 << 20);
    }

    @Test
    void theNewestStableVersionPassesOverPreReleases() throws Exception {
        ChartIndex.Chart nginx = index().chart("nginx").orElseThrow();
        assertEquals("3.1.0", nginx.newest());
        assertFalse(nginx.deprecated());
        assertTrue(nginx.versions().contains("4.0.0-rc.1"));
    }

    @Test
    void aChartWhoseNewestVersionIsMarkedDeprecatedIsDeprecated() throws Exception {
        ChartIndex.Chart legacy = index().chart("legacy-proxy").orElseThrow();
        assertEquals("2.0.0", legacy.newest());
        assertTrue(legacy.deprecated());
    }

    @Test
    void versionsAreOrderedNumericallyAndAPreReleaseComesBeforeItsRelease() {
        List<String> sorted = List.of("1.10.0", "v1.9.0", "2.0.0", "2.0.0-rc.1", "2.0.0-beta.2", "2.0.0-beta.11", "1.2", "2.0.0+build.5")
                .stream().sorted((a, b) -> ChartVersion.parse(a).orElseThrow().compareTo(ChartVersion.parse(b).orElseThrow())).toList();
        assertEquals(List.of("1.2", "v1.9.0", "1.10.0", "2.0.0-beta.2", "2.0.0-beta.11", "2.0.0-rc.1", "2.0.0", "2.0.0+build.5"), sorted);
        assertTrue(ChartVersion.parse("not-a-version").isEmpty());
    }

    @Test
    void onlyPreReleasesLeaveNoNewestStableVersion() throws Exception {
        ChartIndex index = ChartIndex.parse("i.yaml", "apiVersion: v1\nentries:\n  edge:\n  - {name: edge, version: 0.1.0-alpha.1}\n", 1 << 20);
        assertEquals(null, index.chart("edge").orElseThrow().newest());
        assertEquals(Set.of("0.1.0-alpha.1"), index.chart("edge").orElseThrow().versions());
    }

    @Test
    void aYamlBombIndexIsRefusedBySafeYamlsLimits() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 30; i++) {
            bomb.append("b").append(i).append(": &b").append(i).append(" [*a, *a, *a]\n");
        }
        bomb.append("entries: {}\n");
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> ChartIndex.parse("bomb.yaml", bomb.toString(), 1 << 20));
        assertTrue(e.problems().get(0).format().startsWith("bomb.yaml:"), e.problems().get(0).format());
    }

    @Test
    void aRepositoryUrlGetsIndexYamlAppendedAndAnIndexUrlIsKept() {
        assertEquals(URI.create("https://charts.example.com/stable/index.yaml"),
                ChartRepositories.indexUrl(URI.create("https://charts.example.com/stable")));
        assertEquals(URI.create("https://charts.example.com/stable/index.yaml"),
                ChartRepositories.indexUrl(URI.create("https://charts.example.com/stable/")));
        assertEquals(URI.create("https://example.com/charts/idx.yml"), ChartRepositories.indexUrl(URI.create("https://example.com/charts/idx.yml")));
    }
}
