package io.smokegate.techdebt.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.kube.KubeClients;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeEnvironment;
import io.smokegate.kube.KubeSettings;
import io.smokegate.kube.ListLimits;
import io.smokegate.techdebt.ApiStatus;
import io.smokegate.techdebt.DeprecatedApiFinding;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.HelmRelease;
import io.smokegate.techdebt.ReleaseVersion;
import io.smokegate.techdebt.Skipped;
import io.smokegate.techdebt.SourceResult;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.testing.kube.FakeCluster;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helm releases read from a fake cluster in Helm's own storage format (Secrets and ConfigMaps encoded as Helm
 * encodes them), compared with a chart repository served on loopback; bad release data and API faults.
 */
class HelmReleasesTest {

    private static final String MANIFEST = """
            ---
            # Source: web/templates/service.yaml
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              ports: [{port: 80}]
            ---
            # Source: web/templates/ingress.yaml
            apiVersion: extensions/v1beta1
            kind: Ingress
            metadata:
              name: web
            spec:
              rules: [{host: shop.example.com}]
            """;
    private static final DeprecatedApis TABLE = DeprecatedApis.bundled();
    private static final TargetVersions TARGET = TargetVersions.newest(TABLE).with("k8s", new ReleaseVersion(1, 32, 0));

    private static Vertx vertx;
    private static FakeCluster fake;
    private static ChartRepoServer charts;

    @TempDir
    static Path dir;

    private KubeClients clients;
    private KubeCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        fake = FakeCluster.start();
        charts = ChartRepoServer.stable();
    }

    @AfterAll
    static void stop() {
        charts.close();
        fake.close();
        vertx.close().await();
    }

    @BeforeEach
    void connect() {
        clients = new KubeClients(KubeSettings.defaults().withKubeconfig(fake.writeKubeconfig(dir.resolve("config")))
                .withCallTimeout(Duration.ofSeconds(2)), KubeEnvironment.of(Map.of(), dir, dir.resolve("sa")), () -> vertx);
        cluster = clients.cluster();
    }

    @AfterEach
    void close() {
        clients.close();
        fake.clearFaults();
    }

    private SourceResult scan(String namespace, String... repositories) {
        return scan(namespace, HelmReleases.Settings.defaults(), repositories);
    }

    private SourceResult scan(String namespace, HelmReleases.Settings settings, String... repositories) {
        List<URI> urls = java.util.Arrays.stream(repositories).map(URI::create).toList();
        return new HelmReleases(List.of(cluster), List.of(namespace),
                new ChartRepositories(urls, new ChartRepositories.Limits(Duration.ofSeconds(2), 1024 * 1024)), settings)
                .scan(TABLE, TARGET);
    }

    private static List<String> reasons(SourceResult result) {
        return result.skipped().stream().map(Skipped::reason).toList();
    }

    @Test
    void theLatestDeployedRevisionIsReadFromItsSecretWithItsChartAndTheApiVersionsOfItsManifest() {
        fake.create(HelmStorage.secret("web", "shop", 1, "superseded", "nginx", "1.1.0", "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: old}\n"),
                HelmStorage.secret("web", "shop", 2, "deployed", "nginx", "1.2.0", MANIFEST));
        SourceResult result = scan("shop");
        assertEquals(List.of(new HelmRelease("web", "shop", "nginx", "1.2.0", null, false, 0, false)), result.helmReleases());
        assertEquals(List.of(new DeprecatedApiFinding("helm", null, 0, "Ingress", "web/web", "shop", "extensions/v1beta1",
                "networking.k8s.io/v1", new ReleaseVersion(1, 14, 0), new ReleaseVersion(1, 22, 0), ApiStatus.REMOVED)),
                result.deprecatedApis());
        assertEquals(List.of(), result.skipped());
        assertEquals(Map.of("helmReleases", 1L, "helmOutdated", 0L, "helmOutdatedRatio", 0.0, "helmDeprecatedCharts", 0L),
                result.figures());
    }

    @Test
    void aReleaseSecretEncodedByGoIsReadWithItsChartAndFindings() throws Exception {
        fake.create(HelmStorage.secretWithWireValue("web", "from-go", 2, "deployed", HelmEncodingTest.goWireValue()));
        SourceResult result = scan("from-go");
        // the Secret's namespace is where Helm keeps a release; this one was moved there from its namespace shop
        assertEquals(List.of(new HelmRelease("web", "from-go", "nginx", "1.2.0", null, false, 0, false)), result.helmReleases());
        assertEquals("web/web", result.deprecatedApis().get(0).name());
    }

    @Test
    void onlyDeployedReleasesAreListedAndDecoded() {
        fake.create(HelmStorage.secret("api", "listing", 3, "deployed", "nginx", "3.1.0", ""));
        fake.clearRequests();
        scan("listing");
        List<String> lists = fake.requests("GET", "/api/v1/namespaces/listing/secrets");
        assertEquals(1, lists.size(), lists.toString());
        assertTrue(lists.get(0).contains("labelSelector=owner%3Dhelm%2Cstatus%3Ddeployed"), lists.get(0));
    }

    @Test
    void releasesOfTheConfigMapDriverAreReadToo() {
        fake.create(HelmStorage.configMap("cache", "cfgmaps", 4, "deployed", "postgresql", "12.12.10", MANIFEST));
        SourceResult result = scan("cfgmaps");
        assertEquals(List.of(new HelmRelease("cache", "cfgmaps", "postgresql", "12.12.10", null, false, 0, false)),
                result.helmReleases());
        assertEquals("cache/web", result.deprecatedApis().get(0).name());
    }

    @Test
    void severalRevisionsInStateDeployedScanTheLatestAndNameTheStaleSecrets() {
        fake.create(HelmStorage.secret("web", "dupes", 3, "deployed", "nginx", "1.1.0", MANIFEST),
                HelmStorage.secret("web", "dupes", 5, "deployed", "nginx", "1.2.0", "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"));
        SourceResult result = scan("dupes");
        assertEquals(List.of(new HelmRelease("web", "dupes", "nginx", "1.2.0", null, false, 0, false)), result.helmReleases());
        assertEquals(List.of(), result.deprecatedApis());
        assertEquals(List.of("release dupes/web has 2 revisions in state deployed; revision 5 is scanned, the older ones"
                + " (a failed upgrade or rollback left them) are not: delete Secret dupes/sh.helm.release.v1.web.v3"), reasons(result));
    }

    @Test
    void helmTextThatIsNotBase64IsSkippedNamingTheSecret() {
        fake.create(HelmStorage.secret("web", "bad-b64", 1, "deployed", "H4sI!!not base64!!"));
        SourceResult result = scan("bad-b64");
        assertEquals(List.of(), result.helmReleases());
        assertEquals(List.of("Secret bad-b64/sh.helm.release.v1.web.v1: the release is not Helm's base64 encoding: Illegal"
                + " base64 character 21; the release is not scanned"), reasons(result));
    }

    @Test
    void base64OfNeitherGzipNorJsonIsSkipped() {
        String notGzip = java.util.Base64.getEncoder().encodeToString("PK\u0003\u0004 a zip file".getBytes(StandardCharsets.ISO_8859_1));
        fake.create(HelmStorage.secret("web", "not-gzip", 1, "deployed", notGzip));
        assertEquals(List.of("Secret not-gzip/sh.helm.release.v1.web.v1: the release is neither gzip data nor valid JSON:"
                + " Unrecognized token 'PK\\u0003\\u0004': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
                + " (line 1, column 6); the release is not scanned"), reasons(scan("not-gzip")));
    }

    @Test
    void gzipThatIsCutShortIsSkipped() {
        byte[] gzip = HelmStorage.gzipLikeGo(HelmStorage.releaseJson("web", "cut", 1, "deployed", "nginx", "1.2.0", MANIFEST)
                .getBytes(StandardCharsets.UTF_8));
        String cut = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(gzip, gzip.length / 2));
        fake.create(HelmStorage.secret("web", "cut", 1, "deployed", cut));
        assertEquals(List.of("Secret cut/sh.helm.release.v1.web.v1: the release's gzip data is corrupt: Unexpected end of ZLIB"
                + " input stream; the release is not scanned"), reasons(scan("cut")));
    }

    @Test
    void gzipOfJsonThatIsCutShortIsSkipped() {
        String json = HelmStorage.releaseJson("web", "bad-json", 1, "deployed", "nginx", "1.2.0", MANIFEST);
        fake.create(HelmStorage.secret("web", "bad-json", 1, "deployed", HelmStorage.encodeRelease(json.substring(0, 40))));
        SourceResult result = scan("bad-json");
        assertEquals(1, result.skipped().size());
        assertTrue(reasons(result).get(0).startsWith("Secret bad-json/sh.helm.release.v1.web.v1: the release is neither gzip"
                + " data nor valid JSON: Unexpected end-of-input"), reasons(result).get(0));
        assertTrue(reasons(result).get(0).endsWith("(line 1, column 41); the release is not scanned"), reasons(result).get(0));
    }

    @Test
    void aReleaseThatUnpacksTo50MiBIsSkippedAsADecompressionBomb() {
        String huge = HelmStorage.releaseJson("web", "bomb", 1, "deployed", "nginx", "1.2.0", " ".repeat(50 * 1024 * 1024));
        String packed = HelmStorage.encodeRelease(huge);
        assertTrue(packed.length() < 200 * 1024, "50 MiB of spaces pack to " + packed.length() + " characters");
        fake.create(HelmStorage.secret("web", "bomb", 1, "deployed", packed));
        assertEquals(List.of("Secret bomb/sh.helm.release.v1.web.v1: the release unpacks to more than 32MiB (a decompression"
                + " bomb, or no Helm release); not decoded; the release is not scanned"), reasons(scan("bomb")));
    }

    @Test
    void releaseDataLargerThanTheLimitIsNotDecoded() {
        fake.create(HelmStorage.secret("web", "big", 1, "deployed", "nginx", "1.2.0", MANIFEST));
        HelmReleases.Settings small = new HelmReleases.Settings(Set.of(HelmReleases.Driver.SECRET), new ListLimits(50, 1000),
                new ReleaseDecoder.Limits(512, 1024 * 1024), 1024 * 1024);
        List<String> reasons = reasons(scan("big", small));
        assertEquals(1, reasons.size());
        assertTrue(reasons.get(0).matches("Secret big/sh\\.helm\\.release\\.v1\\.web\\.v1: data\\.release is [0-9]+B, larger"
                + " than the limit of 512B; not decoded; the release is not scanned"), reasons.get(0));
    }

    @Test
    void aReleaseWithoutChartMetadataIsSkippedSayingWhichFieldIsMissing() {
        String json = "{\"name\":\"web\",\"info\":{\"status\":\"deployed\"},\"chart\":{\"templates\":[]},\"version\":1}";
        fake.create(HelmStorage.secret("web", "no-chart", 1, "deployed", HelmStorage.encodeRelease(json)));
        assertEquals(List.of("Secret no-chart/sh.helm.release.v1.web.v1: the release JSON has no chart.metadata.name (missing);"
                + " the release is not scanned"), reasons(scan("no-chart")));
    }

    @Test
    void unknownFieldsArePassedOverAsHelmPassesThemOver() {
        String json = HelmStorage.releaseJson("web", "newer-helm", 1, "deployed", "nginx", "1.2.0", "")
                .replace("\"namespace\":", "\"applyMethod\":\"ssa\",\"labels\":{\"team\":\"shop\"},\"namespace\":");
        fake.create(HelmStorage.secret("web", "newer-helm", 1, "deployed", HelmStorage.encodeRelease(json)));
        SourceResult result = scan("newer-helm");
        assertEquals(List.of(), result.skipped());
        assertEquals("nginx", result.helmReleases().get(0).chart());
    }

    @Test
    void aReleaseStoredAsPlainJsonIsReadAsHelmReadsItWithoutTheGzipMagic() {
        String json = HelmStorage.releaseJson("web", "legacy", 1, "deployed", "nginx", "1.2.0", MANIFEST);
        fake.create(HelmStorage.secret("web", "legacy", 1, "deployed",
                java.util.Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of(new HelmRelease("web", "legacy", "nginx", "1.2.0", null, false, 0, false)), scan("legacy").helmReleases());
    }

    @Test
    void aForbiddenSecretListIsSkippedWithTheApiServersMessageAndConfigMapsAreStillRead() {
        fake.create(HelmStorage.configMap("cache", "locked", 1, "deployed", "postgresql", "15.5.38", ""));
        fake.forbid(FakeCluster.SERVICE_ACCOUNT, "list", "", "secrets", "locked");
        SourceResult result = scan("locked");
        assertEquals(List.of("Helm releases stored as Secrets not (fully) read: forbidden: smokegate needs 'list' on 'secrets'"
                + " (v1) in namespace 'locked' (service account system:serviceaccount:smokegate:smokegate); grant it with a Role/ClusterRole"),
                reasons(result));
        assertEquals(1, result.helmReleases().size());
    }

    @Test
    void aListThatFailsMidwayKeepsItsFirstPageAndSaysSo() {
        for (int i = 1; i <= 3; i++) {
            fake.create(HelmStorage.secret("app-" + i, "midway", 1, "deployed", "nginx", "1.2.0", ""));
        }
        fake.answerContinuedPages("GET", "/api/v1/namespaces/midway/secrets", 500, "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"status\":\"Failure\",\"message\":\"etcdserver: request timed out\",\"reason\":\"InternalError\",\"code\":500}");
        HelmReleases.Settings pages = new HelmReleases.Settings(Set.of(HelmReleases.Driver.SECRET), new ListLimits(2, 1000),
                ReleaseDecoder.Limits.defaults(), 1024 * 1024);
        SourceResult result = scan("midway", pages);
        assertEquals(List.of("app-1", "app-2"), result.helmReleases().stream().map(HelmRelease::release).toList());
        assertEquals(List.of("Helm releases stored as Secrets not (fully) read: context 'fake': 'list' on 'secrets' (v1) in"
                + " namespace 'midway' failed with HTTP 500 InternalError: etcdserver: request timed out"), reasons(result));
    }

    @Test
    void aListTheServerDoesNotAnswerInTimeIsSkipped() {
        fake.delay("GET", "/api/v1/namespaces/slow/configmaps", Duration.ofSeconds(5));
        SourceResult result = scan("slow");
        assertEquals(List.of("Helm releases stored as ConfigMaps not (fully) read: the Kubernetes API server " + fake.url()
                + " of context 'fake' did not answer 'list' on 'configmaps' (v1) in namespace 'slow' within 2s"), reasons(result));
    }

    @Test
    void releasesAreComparedWithTheNewestStableChartVersionMajorsBehindCounted() {
        fake.create(HelmStorage.secret("web", "compare", 1, "deployed", "nginx", "1.2.0", ""),
                HelmStorage.secret("db", "compare", 2, "deployed", "postgresql", "15.5.38", ""),
                HelmStorage.secret("proxy", "compare", 1, "deployed", "legacy-proxy", "1.9.0", ""),
                HelmStorage.secret("own", "compare", 1, "deployed", "in-house", "0.1.0", ""));
        SourceResult result = scan("compare", charts.url("/stable"));
        assertEquals(List.of(new HelmRelease("db", "compare", "postgresql", "15.5.38", "15.5.38", false, 0, false),
                new HelmRelease("own", "compare", "in-house", "0.1.0", null, false, 0, false),
                new HelmRelease("proxy", "compare", "legacy-proxy", "1.9.0", "2.0.0", true, 1, true),
                new HelmRelease("web", "compare", "nginx", "1.2.0", "3.1.0", true, 2, false)), result.helmReleases());
        assertEquals(Map.of("helmReleases", 4L, "helmOutdated", 2L, "helmOutdatedRatio", 0.5, "helmDeprecatedCharts", 1L),
                result.figures());
        assertEquals(List.of(), result.skipped());
    }

    @Test
    void aRepositoryThatCannotBeFetchedIsSkippedAndItsChartsHaveNoLatest() {
        fake.create(HelmStorage.secret("web", "no-repo", 1, "deployed", "nginx", "1.2.0", ""));
        SourceResult result = scan("no-repo", charts.url("/missing"), charts.url("/stable/index.yaml"));
        assertEquals(List.of("chart repository " + charts.url("/missing/index.yaml") + ": answered HTTP 404; its charts have no"
                + " known latest version"), reasons(result));
        assertEquals("3.1.0", result.helmReleases().get(0).latest());
        SourceResult alone = scan("no-repo", charts.url("/missing"));
        assertEquals(null, alone.helmReleases().get(0).latest());
        assertEquals(false, alone.helmReleases().get(0).outdated());
    }

    @Test
    void aRepositoryThatDoesNotAnswerInTimeIsSkipped() {
        charts.put("/slow/index.yaml", "apiVersion: v1\nentries: {}\n");
        charts.delay("/slow/index.yaml", Duration.ofSeconds(4));
        SourceResult result = scan("nothing-here", charts.url("/slow/"));
        assertEquals(List.of("chart repository " + charts.url("/slow/index.yaml") + ": no answer within 2s; its charts have no"
                + " known latest version"), reasons(result));
    }

    @Test
    void anIndexThatIsNoChartRepositoryIndexIsSkipped() {
        charts.put("/html/index.yaml", "<html><body>Sign in</body></html>\n");
        SourceResult result = scan("nothing-here", charts.url("/html"));
        assertEquals(List.of("chart repository index " + charts.url("/html/index.yaml") + ": not a Helm chart repository index:"
                + " it has no 'entries' mapping (give the repository URL as 'helm repo add' takes it, or its index.yaml)"),
                reasons(result));
    }

    @Test
    void withoutReleasesTheOutdatedRatioIsZero() {
        SourceResult result = scan("empty-namespace", charts.url("/stable"));
        assertEquals(0.0, result.figures().get("helmOutdatedRatio"));
        assertEquals(0L, result.figures().get("helmReleases"));
    }
}
