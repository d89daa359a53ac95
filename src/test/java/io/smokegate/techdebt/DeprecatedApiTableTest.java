package io.smokegate.techdebt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.input.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The shipped table, read and compared entry by entry with Fairwinds Pluto's versions.yaml (the test oracle). */
class DeprecatedApiTableTest {

    private static final DeprecatedApis TABLE = DeprecatedApis.bundled();
    private static final Path PLUTO = Path.of("src/test/resources/techdebt/pluto-versions.yaml");

    /** A row as both tables can say it; null versions are "not recorded". */
    private record Row(String deprecatedIn, String removedIn, String replacement, String component) {
    }

    /**
     * Where the table deliberately differs from Pluto, with what it says instead (null: no such row) and why.
     * Every other Pluto entry must be in the table with the same values, and the table has no row Pluto lacks.
     */
    private record Difference(Row ours, String reason) {
    }

    private static final String FLOWCONTROL = "flowcontrol.apiserver.k8s.io/";
    private static final String V1BETA1_REMOVED = "the Kubernetes migration guide: flowcontrol v1beta1 is no longer served"
            + " as of v1.26 (Pluto says v1.29, the release that removed v1beta2)";
    private static final String V1BETA3_DEPRECATED = "v1beta3 was first served in v1.26 and deprecated when v1 arrived in"
            + " v1.29 (migration guide: v1 available since v1.29, v1beta3 removed in v1.32)";
    private static final String ACME = "Order and Challenge are served by acme.cert-manager.io/v1; cert-manager.io/v1 has"
            + " no such kinds";
    private static final Map<String, Difference> DIFFERENCES = differences();

    private static Map<String, Difference> differences() {
        Map<String, Difference> d = new LinkedHashMap<>();
        for (String kind : List.of("FlowSchema", "PriorityLevelConfiguration")) {
            d.put(FLOWCONTROL + "v1beta1 " + kind,
                    new Difference(new Row("v1.24.0", "v1.26.0", FLOWCONTROL + "v1beta3", "k8s"), V1BETA1_REMOVED));
            d.put(FLOWCONTROL + "v1beta3 " + kind,
                    new Difference(new Row("v1.29.0", "v1.32.0", FLOWCONTROL + "v1", "k8s"), V1BETA3_DEPRECATED));
        }
        d.put(FLOWCONTROL + "v1beta1 FlowControl", new Difference(null, "Kubernetes has no kind FlowControl; the"
                + " group/version's kinds FlowSchema and PriorityLevelConfiguration have rows of their own"));
        for (String version : List.of("v1alpha2", "v1alpha3", "v1beta1")) {
            for (String kind : List.of("Order", "Challenge")) {
                d.put("acme.cert-manager.io/" + version + " " + kind,
                        new Difference(new Row("v1.4.0", "v1.6.0", "acme.cert-manager.io/v1", "cert-manager"), ACME));
            }
        }
        return d;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Row> pluto() throws Exception {
        Map<String, Object> file = new Yaml().load(Files.readString(PLUTO));
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) file.get("deprecated-versions")) {
            String key = e.get("version") + " " + e.get("kind");
            Row row = new Row(version((String) e.get("deprecated-in")), version((String) e.get("removed-in")),
                    (String) e.get("replacement-api"), (String) e.get("component"));
            Row before = rows.putIfAbsent(key, row);
            // Pluto lists audit.k8s.io/v1alpha1 Policy twice, identically; a differing duplicate would be ambiguous
            assertTrue(before == null || before.equals(row), "Pluto has two different rows for " + key);
        }
        return rows;
    }

    /** Pluto writes v1.16.0 or "" (not recorded); the table's form is ReleaseVersion's. */
    private static String version(String text) {
        return text == null || text.isEmpty() ? null : ReleaseVersion.parse(text).orElseThrow().toString();
    }

    private static Map<String, Row> ours() {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (DeprecatedApi api : TABLE.rows()) {
            rows.put(api.apiVersion() + " " + api.kind(), new Row(
                    api.deprecatedIn() == null ? null : api.deprecatedIn().toString(),
                    api.removedIn() == null ? null : api.removedIn().toString(), api.replacement(), api.component()));
        }
        return rows;
    }

    @Test
    void theOracleIsPlutosFileUnchanged() throws Exception {
        String source = Files.readString(PLUTO.resolveSibling("SOURCE.md"));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(PLUTO)));
        assertTrue(source.contains("| sha256 of the copy | `" + sha256 + "` |"), sha256);
    }

    @Test
    void agreesWithPlutoOnEveryEntryButTheDocumentedDifferences() throws Exception {
        Map<String, Row> pluto = pluto();
        Map<String, Row> ours = ours();
        List<String> disagreements = new ArrayList<>();
        pluto.forEach((key, theirs) -> {
            Difference difference = DIFFERENCES.get(key);
            Row expected = difference == null ? theirs : difference.ours();
            Row actual = ours.get(key);
            if (!java.util.Objects.equals(expected, actual)) {
                disagreements.add(key + ": Pluto " + theirs + ", expected " + expected + ", table " + actual);
            }
            if (difference != null && theirs.equals(expected)) {
                disagreements.add(key + ": listed as a difference, but Pluto agrees now; remove the exception");
            }
        });
        TreeSet<String> onlyOurs = new TreeSet<>(ours.keySet());
        onlyOurs.removeAll(pluto.keySet());
        onlyOurs.forEach(key -> disagreements.add(key + ": in the table, not in Pluto"));
        assertEquals(List.of(), disagreements);
        assertEquals(111, pluto.size(), "112 entries, one a duplicate");
        assertEquals(110, ours.size());
        assertTrue(pluto.keySet().containsAll(DIFFERENCES.keySet()), "every difference names a Pluto entry");
    }

    @Test
    void aKindsOwnRowWinsOverTheRowForItsWholeApiVersion() throws Exception {
        DeprecatedApis table = DeprecatedApis.parse("t.yaml", """
                apiVersion: smokegate.io/v1
                kind: DeprecatedApiTable
                apis:
                  - {apiVersion: example.io/v1beta1, deprecatedIn: v1.10, removedIn: v1.20, replacement: example.io/v1}
                  - {apiVersion: example.io/v1beta1, kinds: [Widget], deprecatedIn: v1.12, removedIn: v1.22, replacement: example.io/v2}
                """);
        assertEquals("example.io/v2", table.lookup("example.io/v1beta1", "Widget").orElseThrow().replacement());
        assertEquals("example.io/v1", table.lookup("example.io/v1beta1", "Gadget").orElseThrow().replacement());
        assertEquals(Optional.empty(), table.lookup("example.io/v1", "Widget"));
    }

    @Test
    void aWholeApiVersionRowOfTheShippedTableMatchesEveryKind() {
        DeprecatedApi policy = TABLE.lookup("authentication.istio.io/v1alpha1", "MeshPolicy").orElseThrow();
        assertEquals(new DeprecatedApi("authentication.istio.io/v1alpha1", "", new ReleaseVersion(1, 5, 0),
                new ReleaseVersion(1, 6, 0), "security.istio.io/v1beta1", "istio"), policy);
    }

    @Test
    void theOfflineTargetIsTheNewestReleaseTheTableKnowsPerComponent() {
        assertEquals(Map.of("k8s", new ReleaseVersion(1, 36, 0), "cert-manager", new ReleaseVersion(1, 6, 0),
                "istio", new ReleaseVersion(1, 6, 0)), TABLE.newestTargets());
    }

    @Test
    void everyProblemOfATableIsReportedWithItsPosition() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DeprecatedApis.parse("t.yaml", """
                apiVersion: smokegate.io/v1
                kind: DeprecatedApiTable
                apis:
                  - {apiVersion: a.io/v1beta1, kinds: [A], deprecatedIn: v1.x}
                  - {apiVersion: a.io/v1beta1, kinds: [B], component: helm}
                  - {apiVersion: a.io/v1beta1, kinds: [B], removedIn: v1.2, deprecatedIn: v1.3, replace: a.io/v1}
                """));
        assertEquals("""
                t.yaml:4:58: apis[0].deprecatedIn: 'v1.x' is not a release version (write it like v1.32, v1.32.0 or 1.32)
                t.yaml:5:55: apis[1].component: unknown component 'helm' (one of cert-manager, istio, k8s)
                t.yaml:6:81: apis[2].replace: unknown field (expected one of: apiVersion, component, deprecatedIn, kinds, removedIn, replacement)
                t.yaml:6:55: apis[2].removedIn: v1.2.0 is before deprecatedIn v1.3.0
                t.yaml:6:5: apis[2]: a.io/v1beta1 B is already in the table (first at line 5)""", e.getMessage());
    }
}
